import AWSServices

/// An ACM certificate for a site's domain as a deploy needs it: whether it serves yet, and the
/// DNS record that validates it (what the team adds at their DNS provider).
package struct DomainCertificate: Sendable, Equatable {
    package var arn: String
    package var status: CertificateStatus
    package var validationRecord: ACMClient.ResourceRecord?

    package init(arn: String, status: CertificateStatus, validationRecord: ACMClient.ResourceRecord?) {
        self.arn = arn
        self.status = status
        self.validationRecord = validationRecord
    }

    /// From DescribeCertificate: the record of `domain`'s validation, once ACM has made it.
    package init(_ arn: String, _ detail: ACMClient.CertificateDetail, domain: String) {
        self.init(
            arn: arn, status: detail.Status ?? .unknown(""),
            validationRecord: detail.DomainValidationOptions?.first { $0.DomainName.lowercased() == domain.lowercased() }?.ResourceRecord)
    }
}
