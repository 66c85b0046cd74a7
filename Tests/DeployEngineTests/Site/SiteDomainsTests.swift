import AWSServices
import Foundation
import StackTemplates
import Testing

@testable import DeployEngine

/// `x-berth.domain`: a hosted zone of the account gets the stack's own certificate and alias
/// record; without one, ACM is asked once through the API and the site serves HTTP until the
/// team's DNS record has it issued.
struct SiteDomainsTests {
    typealias Fixture = SiteDeployerTests.Fixture

    static let compose = """
        name: shop
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
            x-berth: {domain: www.shop.example}
        """

    @Test func aDomainInAHostedZoneGetsTheStacksCertificateAndAliasRecord() async throws {
        let fixture = try Fixture(compose: Self.compose)
        fixture.backend.hostedZones["shop.example"] = "Z0ZONE"
        let plan = try await fixture.deployer().plan(Fixture.options)
        #expect(plan.infra != nil && fixture.backend.writeCount == 0)
        _ = try await fixture.deployer().deploy(Fixture.options)
        let template = fixture.stacks.request("shop-dev")?.templateBody ?? ""
        #expect(template.contains("Type: AWS::CertificateManager::Certificate"))
        #expect(template.contains("HostedZoneId: Z0ZONE"))
        #expect(template.contains("Type: AWS::Route53::RecordSet"))
        #expect(template.contains("Ref: CertificateWeb"))
        #expect(!fixture.backend.writes.contains { $0.hasPrefix("request certificate") }, "CloudFormation makes it")
    }

    @Test func withoutAZoneACertificateIsRequestedOnceAndTheSiteServesHTTPUntilItIsIssued() async throws {
        let fixture = try Fixture(compose: Self.compose)
        let events = SiteDeployerTests.EventRecorder()
        _ = try await fixture.deployer(events: events).plan(Fixture.options)
        #expect(fixture.backend.writeCount == 0, "a plan requests nothing")
        #expect(events.notes.contains { $0.contains("deploy requests an ACM certificate") })

        let deploying = SiteDeployerTests.EventRecorder()
        _ = try await fixture.deployer(events: deploying).deploy(Fixture.options)
        #expect(fixture.backend.writes.filter { $0 == "request certificate www.shop.example" }.count == 1)
        let arn = try #require(fixture.backend.certificateDomains.first { $0.value == "www.shop.example" }?.key)
        #expect(deploying.notes.contains { $0.contains("PENDING_VALIDATION; HTTP until ACM issues it") })
        let record = try #require(deploying.notes.first { $0.contains("add the DNS record") })
        #expect(record.contains("_v.www.shop.example.  CNAME  _"), "\(record)")
        #expect(deploying.notes.contains { $0.contains("point it at the load balancer") })
        var template = fixture.stacks.request("shop-dev")?.templateBody ?? ""
        #expect(!template.contains("Protocol: HTTPS") && !template.contains("AWS::CertificateManager::Certificate"))

        // Nothing new: the same certificate is found, nothing is written, the records are said again.
        let again = SiteDeployerTests.EventRecorder()
        let writes = fixture.backend.writeCount
        _ = try await fixture.deployer(events: again).deploy(Fixture.options)
        #expect(fixture.backend.writeCount == writes && fixture.stacks.writes.count == 1)
        #expect(again.notes.contains { $0.contains("PENDING_VALIDATION") })

        // Issued: the next deploy serves HTTPS with it and redirects HTTP.
        fixture.backend.certificates[arn] = .issued
        _ = try await fixture.deployer().deploy(Fixture.options)
        template = fixture.stacks.request("shop-dev")?.templateBody ?? ""
        #expect(template.contains("Protocol: HTTPS") && template.contains("CertificateArn: \(arn)"))
        #expect(template.contains("StatusCode: HTTP_301"))
        #expect(fixture.backend.writes.filter { $0.hasPrefix("request certificate") }.count == 1)
    }

    @Test func anExplicitCertificateIsUsedAsItIsAndAZoneStillGetsTheAlias() async throws {
        let arn = "arn:aws:acm:us-east-1:123456789012:certificate/own"
        let fixture = try Fixture(compose: SiteDeployerTests.httpsCompose(arn))
        fixture.backend.certificates[arn] = .issued
        fixture.backend.hostedZones["example.com"] = "Z0EXAMPLE"
        _ = try await fixture.deployer().deploy(Fixture.options)
        let template = fixture.stacks.request("shop-dev")?.templateBody ?? ""
        #expect(template.contains("CertificateArn: \(arn)"))
        #expect(!template.contains("AWS::CertificateManager::Certificate"))
        #expect(template.contains("Name: www.example.com."))
    }

    @Test func zoneCandidatesRunFromTheWholeNameToTheRegistrableOne() {
        #expect(HostedZone.candidates(for: "www.shop.Example.com") == ["www.shop.example.com", "shop.example.com", "example.com"])
        #expect(HostedZone.candidates(for: "example.com") == ["example.com"])
        #expect(HostedZone.candidates(for: "localhost").isEmpty)
    }

    @Test func theRequestTokenIsStableWordCharacters() {
        let token = SiteDomains.idempotencyToken(stack: "shop-prod", domain: "WWW.shop.example")
        #expect(token == SiteDomains.idempotencyToken(stack: "shop-prod", domain: "www.shop.example"))
        #expect(token.count == 32 && token.allSatisfy { $0.isLetter || $0.isNumber })
        #expect(token != SiteDomains.idempotencyToken(stack: "shop-dev", domain: "www.shop.example"))
    }
}
