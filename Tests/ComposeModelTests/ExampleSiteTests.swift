import ComposeModel
import Foundation
import Testing

/// `examples/website` must validate cleanly and read the way the docs describe.
@Suite struct ExampleSiteTests {
    static func load() -> ComposeLoadResult {
        ComposeLoader.load(ComposeLoadOptions(workingDirectory: TestSupport.repositoryDirectory + "/examples/website"))
    }

    @Test func validatesWithoutErrorsOrWarnings() throws {
        let result = Self.load()
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        let site = try #require(result.site)
        #expect(site.projectName == "website")
        #expect(site.services.map(\.name) == ["proxy", "site", "cms"])
        #expect(site.environmentNames == ["dev", "prod"])
    }

    @Test func modelsTheProxyConfigFileAndTheCMSVolume() throws {
        let site = try #require(Self.load().site)
        let proxy = try #require(site.service(named: "proxy"))
        #expect(proxy.configFiles.count == 1)
        #expect(proxy.configFiles.first?.origin == .bindMount)
        #expect(proxy.configFiles.first?.source == ContentSource(kind: .file, value: "proxy/nginx.conf"))
        #expect(proxy.configFiles.first?.target == "/etc/nginx/nginx.conf")
        #expect(proxy.ports == [PortMapping(target: 80, published: 80, location: proxy.ports.first?.location)])
        #expect(proxy.healthCheck?.intervalSeconds == 15)
        let cms = try #require(site.service(named: "cms"))
        #expect(cms.mounts.map(\.kind) == [.volume])
        #expect(cms.fargateSize == FargateSize(cpu: 512, memory: 1024))
        #expect(
            site.volume(named: "cms-uploads")?.accessPoint
                == EFSAccessPoint(uid: 1000, gid: 1000, permissions: "0755", rootDirectory: "/ghost-content"))
        let web = try #require(site.service(named: "site"))
        #expect(web.dependencies.first?.condition == .serviceHealthy)
        #expect(web.image == "website/site:latest")
        #expect(site.aws.logsRetentionDays == 30)
    }

    @Test func prodOverridesApply() throws {
        let site = try #require(Self.load().site)
        let prod = try site.resolved(environmentName: "prod")
        #expect(prod.environmentName == "prod")
        #expect(prod.service(named: "proxy")?.replicas == 2)
        #expect(prod.service(named: "proxy")?.berth.domain == "www.example.com")
        #expect(prod.service(named: "site")?.replicas == 3)
        #expect(prod.service(named: "site")?.fargateSize == FargateSize(cpu: 512, memory: 1024))
        #expect(prod.service(named: "site")?.deployedImage == "website/site:1.0.0")
        #expect(prod.service(named: "cms")?.fargateSize == FargateSize(cpu: 1024, memory: 2048))
        #expect(prod.berth.alarms?.email == ["ops@example.com", "oncall@example.com"])
        #expect(prod.berth.backup == BackupSettings(schedule: "cron(0 2 * * ? *)", retentionDays: 35, volumes: ["cms-uploads"]))
        let dev = try site.resolved(environmentName: "dev")
        #expect(dev.service(named: "site")?.replicas == 1)
        #expect(dev.berth.backup?.retentionDays == 7)
        #expect(dev.berth.region == "eu-west-1")
    }

    @Test func unknownEnvironmentIsADiagnostic() throws {
        let site = try #require(Self.load().site)
        #expect(throws: Diagnostic.self) { try site.resolved(environmentName: "staging") }
        do {
            _ = try site.resolved(environmentName: "staging")
        } catch {
            #expect(error.message.contains("no environment \"staging\""))
            #expect(error.hint?.contains("dev, prod") == true)
        }
    }

    @Test func encodesAsJSON() throws {
        let site = try #require(Self.load().site)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(site)
        let decoded = try JSONDecoder().decode(Site.self, from: data)
        #expect(decoded == site)
    }
}
