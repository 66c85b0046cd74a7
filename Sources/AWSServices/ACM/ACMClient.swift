import AWSRuntime
import Foundation

/// AWS Certificate Manager (awsJson1_1): what Berth checks before a stack uses a certificate
/// (a listener with a missing or unissued one fails and rolls the stack back), and the
/// certificate it requests for a domain whose DNS is not in Route 53.
package struct ACMClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "ACM", endpointPrefix: "acm", serviceId: "ACM", protocol: .json(version: "1.1", targetPrefix: "CertificateManager"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    struct DescribeCertificateInput: Encodable {
        var CertificateArn: String
    }

    struct DescribeCertificateOutput: Decodable {
        var Certificate: CertificateDetail?
    }

    package struct CertificateDetail: Decodable, Sendable, Equatable {
        package var CertificateArn: String?
        package var DomainName: String?
        package var SubjectAlternativeNames: [String]?
        package var Status: CertificateStatus?
        /// For DNS validation, the CNAME each name needs; ACM fills `ResourceRecord` in a few
        /// seconds after the request, so it may be missing at first.
        package var DomainValidationOptions: [DomainValidation]?

        package init(
            CertificateArn: String? = nil, DomainName: String? = nil, SubjectAlternativeNames: [String]? = nil, Status: CertificateStatus? = nil,
            DomainValidationOptions: [DomainValidation]? = nil
        ) {
            self.CertificateArn = CertificateArn
            self.DomainName = DomainName
            self.SubjectAlternativeNames = SubjectAlternativeNames
            self.Status = Status
            self.DomainValidationOptions = DomainValidationOptions
        }
    }

    package struct DomainValidation: Decodable, Sendable, Equatable {
        package var DomainName: String
        package var ValidationStatus: String?
        package var ValidationMethod: String?
        package var ResourceRecord: ResourceRecord?

        package init(DomainName: String, ValidationStatus: String? = nil, ValidationMethod: String? = "DNS", ResourceRecord: ResourceRecord? = nil) {
            self.DomainName = DomainName
            self.ValidationStatus = ValidationStatus
            self.ValidationMethod = ValidationMethod
            self.ResourceRecord = ResourceRecord
        }
    }

    package struct ResourceRecord: Decodable, Sendable, Equatable {
        package var Name: String
        package var `Type`: String
        package var Value: String

        package init(Name: String, Type: String, Value: String) {
            self.Name = Name
            self.Type = Type
            self.Value = Value
        }
    }

    struct RequestCertificateInput: Encodable {
        var DomainName: String
        var ValidationMethod = "DNS"
        var IdempotencyToken: String
        var Tags: [Tag]
    }

    package struct Tag: Codable, Sendable, Equatable {
        package var Key: String
        package var Value: String

        package init(Key: String, Value: String) {
            self.Key = Key
            self.Value = Value
        }
    }

    struct RequestCertificateOutput: Decodable {
        var CertificateArn: String?
    }

    /// Requests a certificate for `domain`, validated by DNS. The same `idempotencyToken`
    /// (1–32 word characters) within an hour returns the same certificate, so a retried or
    /// re-run request makes no second one.
    package func requestCertificate(domain: String, idempotencyToken: String, tags: [Tag]) async throws -> String {
        let output: RequestCertificateOutput = try await client.json(
            Self.descriptor, operation: "RequestCertificate",
            input: RequestCertificateInput(DomainName: domain, IdempotencyToken: idempotencyToken, Tags: tags), idempotent: true)
        guard let arn = output.CertificateArn else { throw AWSClientError("ACM RequestCertificate answered without a certificate ARN") }
        return arn
    }

    struct ListCertificatesInput: Encodable {
        var CertificateStatuses: [String]
        var NextToken: String?
    }

    struct ListCertificatesOutput: Decodable {
        var CertificateSummaryList: [CertificateSummary]?
        var NextToken: String?
    }

    package struct CertificateSummary: Decodable, Sendable, Equatable {
        package var CertificateArn: String?
        package var DomainName: String?
        package var Status: CertificateStatus?
    }

    /// The account's certificates in this region with one of `statuses` (every page).
    package func listCertificates(statuses: [CertificateStatus]) -> Paginator<[CertificateSummary]> {
        Paginator { token in
            let page: ListCertificatesOutput = try await client.json(
                Self.descriptor, operation: "ListCertificates",
                input: ListCertificatesInput(CertificateStatuses: statuses.map(\.rawValue), NextToken: token), idempotent: true)
            return (page.CertificateSummaryList ?? [], page.NextToken)
        }
    }

    /// The certificate, or `nil` when this account and region has none with that ARN
    /// (`ResourceNotFoundException`).
    package func describeCertificate(_ arn: String) async throws -> CertificateDetail? {
        do {
            let output: DescribeCertificateOutput = try await client.json(
                Self.descriptor, operation: "DescribeCertificate", input: DescribeCertificateInput(CertificateArn: arn), idempotent: true)
            return output.Certificate
        } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
            return nil
        }
    }
}

/// `CertificateStatus` from the ACM API reference; only `ISSUED` serves HTTPS.
package enum CertificateStatus: AWSEnum {
    case pendingValidation, issued, inactive, expired, validationTimedOut, revoked, failed
    case unknown(String)

    package static let knownCases: [Self] = [.pendingValidation, .issued, .inactive, .expired, .validationTimedOut, .revoked, .failed]

    package var rawValue: String {
        switch self {
        case .pendingValidation: "PENDING_VALIDATION"
        case .issued: "ISSUED"
        case .inactive: "INACTIVE"
        case .expired: "EXPIRED"
        case .validationTimedOut: "VALIDATION_TIMED_OUT"
        case .revoked: "REVOKED"
        case .failed: "FAILED"
        case .unknown(let rawValue): rawValue
        }
    }
}
