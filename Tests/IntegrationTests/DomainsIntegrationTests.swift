import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// `x-berth.domain` against the local AWS: a public hosted zone gets the stack's certificate
    /// (validated in the zone, issued) and an alias record; without a zone, deploy requests the
    /// certificate once and prints the records to create.
    @Suite struct Domains {
        static func compose(_ name: String, domain: String) -> String {
            """
            name: \(name)
            services:
              web:
                image: "nginx:1.27-alpine"
                ports: ["80:80"]
                x-berth: {domain: \(domain)}
            """
        }

        struct Zone: Decodable { var HostedZone: Route53Client.HostedZone }

        struct RecordSets: Decodable {
            var ResourceRecordSets: Sets?
            struct Sets: Decodable { var ResourceRecordSet: [RecordSet]? }
            struct RecordSet: Decodable {
                var Name: String
                var `Type`: String
                var AliasTarget: Alias?
                struct Alias: Decodable { var DNSName: String }
            }
        }

        static func send<T: Decodable>(_ client: AWSClient, _ operation: String, _ method: String, _ path: String, body: String = "") async throws
            -> T
        {
            let response = try await client.send(
                AWSRequest(
                    service: Route53Client.descriptor, operation: operation, method: method, path: path,
                    // Without a type, Foundation sends a POST body as a form, which routes it elsewhere.
                    headers: body.isEmpty ? [] : [("Content-Type", "text/xml")], body: Data(body.utf8), isIdempotent: method == "GET"))
            return try XMLTreeDecoder().decode(T.self, from: try #require(XMLTree.parse(response.body)))
        }

        static func createZone(_ client: AWSClient, _ name: String) async throws -> String {
            let zone: Zone = try await send(
                client, "CreateHostedZone", "POST", "/2013-04-01/hostedzone",
                body: "<CreateHostedZoneRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                    + "<Name>\(name)</Name><CallerReference>\(UUID().uuidString)</CallerReference></CreateHostedZoneRequest>")
            return zone.HostedZone.zoneId
        }

        @Test func aDomainInAHostedZoneGetsAnIssuedCertificateAndAnAliasRecord() async throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let zoneName = "zone\(suffix).example"
            let domain = "www.\(zoneName)"
            let client = aws.awsClient()
            let zoneId = try await Self.createZone(client, zoneName)
            let folder = try projectFolder("berth-domain", compose: Self.compose("dom\(suffix)", domain: domain))
            let environment = aws.berthEnvironment()
            defer { _ = try? BerthBinary.run(["down", "--infra", "--yes"], environment: environment, directory: folder) }

            let deploy = try BerthBinary.run(["deploy"], environment: environment, directory: folder)
            #expect(deploy.status == 0, "\(deploy.stderr)")
            #expect(deploy.stdout.contains("https://\(domain)"), "\(deploy.stdout)")

            let sets: RecordSets = try await Self.send(client, "ListResourceRecordSets", "GET", "/2013-04-01/hostedzone/\(zoneId)/rrset")
            let records = sets.ResourceRecordSets?.ResourceRecordSet ?? []
            let alias = try #require(records.first { $0.Name == domain + "." && $0.Type == "A" }, "\(records.map(\.Name))")
            #expect(alias.AliasTarget?.DNSName.isEmpty == false)
            #expect(records.contains { $0.Type == "CNAME" && $0.Name.hasPrefix("_") && $0.Name.hasSuffix(domain + ".") }, "the validation record")
            let certificates = try await ACMClient(client).listCertificates(statuses: [.issued]).collect { $0 }
            #expect(certificates.contains { $0.DomainName == domain })

            try aws.client.reset()
            let again = try BerthBinary.run(["deploy"], environment: environment, directory: folder)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try aws.client.stats().mutating == 0)
            try aws.client.expectNoRejections()
        }

        @Test func withoutAZoneTheCertificateIsRequestedOnceAndItsRecordsArePrinted() async throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let domain = "www.nozone\(suffix).example"
            let folder = try projectFolder("berth-domain", compose: Self.compose("noz\(suffix)", domain: domain))
            let environment = aws.berthEnvironment()
            defer { _ = try? BerthBinary.run(["down", "--infra", "--yes"], environment: environment, directory: folder) }

            let plan = try BerthBinary.run(["plan"], environment: environment, directory: folder)
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(plan.stderr.contains("deploy requests an ACM certificate"), "\(plan.stderr)")

            let deploy = try BerthBinary.run(["deploy"], environment: environment, directory: folder)
            #expect(deploy.status == 0, "\(deploy.stderr)")
            #expect(deploy.stderr.contains("is PENDING_VALIDATION; HTTP until ACM issues it"), "\(deploy.stderr)")
            #expect(deploy.stderr.contains("\(domain): to validate it, add the DNS record  _"))
            #expect(deploy.stderr.contains("  CNAME  _") && deploy.stderr.contains("acm-validations.aws."))
            #expect(deploy.stderr.contains("\(domain): no Route 53 zone for it in this account; point it at the load balancer"))
            #expect(deploy.stdout.contains("http://"), "HTTP until the certificate is issued: \(deploy.stdout)")
            let client = aws.awsClient()
            let requested = try await ACMClient(client).listCertificates(statuses: [.pendingValidation, .issued]).collect { $0 }.filter {
                $0.DomainName == domain
            }
            #expect(requested.count == 1)

            try aws.client.reset()
            let again = try BerthBinary.run(["deploy"], environment: environment, directory: folder)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stderr.contains("PENDING_VALIDATION"), "the records are said again: \(again.stderr)")
            #expect(try aws.client.stats().mutating == 0, "nothing requested twice, nothing written")
            try aws.client.expectNoRejections()
        }
    }
}
