import AWSServices
import Foundation
import SigV4
import StackTemplates

/// Where each service's `x-berth.domain` is served from, decided before the stack is rendered.
///
/// - The account has a public hosted zone for it: the stack makes the certificate (validated by
///   DNS in that zone, which CloudFormation writes) and an alias record to the load balancer.
/// - It has none: ACM is asked for a certificate through the API (the stack would otherwise wait
///   up to 72 hours for someone to add the validation record), and the deploy prints the records
///   to create at the team's DNS provider. The site serves HTTP until ACM has issued it; the next
///   deploy after that serves HTTPS and redirects HTTP.
/// - `x-berth.certificate` is used as it is (`CertificateCheck` checks it).
///
/// A plan requests nothing: it says what the deploy would request.
struct SiteDomains {
    let input: InfraStackInput
    let backend: any SiteBackend

    struct Resolution {
        var input: InfraStackInput
        /// What the team has to do at their DNS provider, or what a deploy would request.
        var notes: [String]
    }

    func resolve(apply: Bool) async throws -> Resolution {
        var resolved = Resolution(input: input, notes: [])
        for index in input.services.indices {
            let service = input.services[index]
            guard let domain = service.domain?.name, service.listeners.contains(where: { $0.kind == .http }) else { continue }
            let explicit = service.listeners.contains { $0.certificate != nil }
            if let zone = try await backend.hostedZone(for: domain) {
                resolved.input.services[index].domain?.hostedZoneId = zone.id
                if !explicit { resolved.input.services[index].setCertificate(.stackIssued) }
                continue
            }
            let pointing =
                "\(domain): no Route 53 zone for it in this account; point it at the load balancer with a CNAME record to the URL's host below"
            guard !explicit else {
                resolved.notes.append(pointing)
                continue
            }
            var certificate = try await backend.certificate(forDomain: domain)
            if certificate == nil {
                guard apply else {
                    resolved.notes.append("\(domain): deploy requests an ACM certificate, validated by a DNS record you add; HTTP until it is issued")
                    continue
                }
                certificate = try await backend.requestCertificate(
                    domain: domain, token: Self.idempotencyToken(stack: input.names.stack, domain: domain),
                    tags: [
                        (BerthTag.project, input.names.project), (BerthTag.environment, input.names.environment), (BerthTag.service, service.name),
                    ])
            }
            guard let certificate else { continue }
            if certificate.status == .issued {
                resolved.input.services[index].setCertificate(.arn(certificate.arn))
            } else {
                resolved.notes += Self.pending(domain, certificate)
            }
            resolved.notes.append(pointing)
        }
        return resolved
    }

    /// What to add at the DNS provider for a certificate ACM has not issued.
    static func pending(_ domain: String, _ certificate: DomainCertificate) -> [String] {
        [
            "\(domain): certificate \(certificate.arn) is \(certificate.status.rawValue); HTTP until ACM issues it, HTTPS from the deploy after",
            certificate.validationRecord.map { "\(domain): to validate it, add the DNS record  \($0.Name)  \($0.Type)  \($0.Value)" }
                ?? "\(domain): ACM has not published the validation record yet; deploy again in a minute to see it",
        ]
    }

    /// RequestCertificate's token: 1–32 word characters, the same for the same stack and domain,
    /// so a retried or re-run request within the hour returns the certificate already requested.
    static func idempotencyToken(stack: String, domain: String) -> String {
        String(sha256Hex(Data("\(stack)|\(domain.lowercased())".utf8)).prefix(32))
    }
}

extension InfraStackInput.ServiceInput {
    /// The certificate of every HTTP listener of the service.
    mutating func setCertificate(_ certificate: InfraStackInput.ListenerInput.Certificate) {
        for index in listeners.indices where listeners[index].kind == .http { listeners[index].certificate = certificate }
    }
}
