import ComposeModel
import Foundation
import Testing

@testable import StackTemplates

struct InfraStackInputTests {
    @Test func exampleSiteInput() throws {
        let input = InfraStackInput(site: try Fixtures.exampleSite("prod"), environmentName: "prod")
        #expect(input.names.stack == "website-prod")
        #expect(input.names.logGroup == "/berth/website/prod")
        #expect(input.services.map(\.name) == ["proxy", "site", "cms"])
        let proxy = try #require(input.services.first)
        #expect(proxy.listeners.count == 1)
        #expect(proxy.listeners.first?.kind == .http)
        #expect(proxy.listeners.first?.certificateArn == "arn:aws:acm:eu-west-1:123456789012:certificate/example")
        #expect(proxy.listeners.first?.healthCheckPath == "/healthz")
        #expect(input.services[1].hasRepository)
        #expect(input.services[2].volumes == ["cms-uploads"])
        #expect(input.volumes.map(\.logicalId) == ["CmsUploads"])
        #expect(input.alarmEmails == ["ops@example.com", "oncall@example.com"])
        #expect(input.backupRetentionDays == 35)
        #expect(input.logRetentionDays == 30)
        #expect(input.privateSubnets)
        #expect(!InfraStackInput(site: try Fixtures.exampleSite("dev"), environmentName: "dev").privateSubnets)
    }

    @Test func portKinds() throws {
        let compose = """
            services:
              a:
                image: x
                ports: ["80:80", "9100:9100", "5000:5000/tcp", "5000:5000/udp", {target: 8081, published: "81", x-aws-protocol: http}]
            """
        let site = try Fixtures.load(directory: "/p", environment: nil, inMemory: ["/p/compose.yaml": compose])
        let listeners = InfraStackInput(site: site, environmentName: "e").services[0].listeners
        #expect(listeners.map(\.kind) == [.http, .tcp, .tcpUDP, .http])
    }

    @Test(arguments: [
        (["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost/healthz"], "/healthz"),
        (["CMD-SHELL", "curl -fs http://127.0.0.1:3000/api/health?full=1 || exit 1"], "/api/health"),
        (["CMD", "node", "-e", "fetch('http://localhost:3000/ready').then(r => 1)"], "/ready"),
        (["CMD", "pg_isready"], "/"),
    ])
    func healthCheckPathFromComposeHealthCheck(_ test: [String], _ expected: String) {
        #expect(InfraStackInput.healthCheckPathForTesting(HealthCheck(test: test)) == expected)
    }

    @Test func logicalIdsAreAlphanumericAndUnique() {
        let ids = LogicalIDs(names: ["cms-uploads", "cms_uploads", "2fa", "web"])
        #expect(ids.id("web") == "Web")
        #expect(ids.id("2fa") == "N2fa")
        #expect(ids.id("cms-uploads") != ids.id("cms_uploads"))
        #expect(ids.id("cms-uploads").hasPrefix("CmsUploads"))
        #expect(ids.id("cms-uploads").allSatisfy { $0.isLetter || $0.isNumber })
    }

    @Test func namesRespectAWSLimits() {
        let names = Names(project: String(repeating: "very-long-project-", count: 10), environment: "Prod Env")
        #expect(names.stack.count <= 128)
        #expect(names.stack.first?.isLetter == true)
        #expect(Names(project: "9lives", environment: "dev").stack == "b-9lives-dev")
        #expect(Names(project: "Shop", environment: "dev").repository(service: "Web_App") == "shop/web-app")
    }
}

extension InfraStackInput {
    static func healthCheckPathForTesting(_ check: HealthCheck) -> String {
        healthCheckPath(check, port: 80)
    }
}
