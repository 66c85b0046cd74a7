import AWSServices
import ComposeModel
import StackTemplates

/// The load balancer's certificates, checked before the stack uses them: a listener with a
/// certificate from another region, a missing one, or one not yet issued fails on AWS, and the
/// stack rolls back (a first deploy then leaves a stack that can only be deleted). `validate`
/// checks the region the compose file names; this checks the region Berth deploys to, and ACM.
struct CertificateCheck {
    let input: InfraStackInput
    let backend: any SiteBackend

    func run() async throws {
        let arns = Set(input.services.flatMap(\.listeners).compactMap(\.certificateArn)).sorted()
        for arn in arns {
            let region = AWSNames.certificateRegion(arn) ?? "?"
            guard region == backend.region else {
                throw DeployError(
                    "the certificate \(arn) is in \(region), but the site deploys to \(backend.region)",
                    hint: "a load balancer only takes ACM certificates from its own region; request or import one in \(backend.region)")
            }
            switch try await backend.certificateStatus(arn) {
            case nil:
                throw DeployError(
                    "the certificate \(arn) does not exist in this account",
                    hint: "check the ARN in x-berth, or request the certificate in ACM (\(backend.region)) first")
            case .issued?:
                continue
            case let status?:
                throw DeployError(
                    "the certificate \(arn) is \(status), not ISSUED",
                    hint: status == .pendingValidation
                        ? "add the DNS record ACM asks for, wait until it is issued, then deploy again"
                        : "renew or replace it in ACM, then point x-berth's certificate at an issued one")
            }
        }
    }
}
