import AWSRuntime
import Foundation

/// AWS Certificate Manager (awsJson1_1): only what Berth checks before a stack uses a
/// certificate, since a listener with a missing or unissued one fails and rolls the stack back.
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
