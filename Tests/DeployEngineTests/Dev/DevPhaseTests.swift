import BerthTesting
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// `berth dev`'s files for the example site, byte for byte, and what they mean to compose:
/// loaded back with the project's files, as `docker compose -f … -f .berth/dev/…` would.
struct DevPhaseTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let exampleSite = repository.appendingPathComponent("examples/website").path
    static let schema = repository.appendingPathComponent("Tests/Fixtures/compose-spec/compose-spec.json").path

    static func load(_ directory: String, purpose: ComposeLoadOptions.Purpose, files: [String] = [], extra: [String: String] = [:])
        throws -> ComposeLoadResult
    {
        var fileSystem = LocalFileSystemWithExtras(extras: extra.reduce(into: [:]) { $0[directory + "/" + $1.key] = $1.value })
        fileSystem.directories.insert(directory + "/" + LocalProject.directory)
        return ComposeLoader.load(
            ComposeLoadOptions(files: files, workingDirectory: directory, processEnvironment: [:], fileSystem: fileSystem, purpose: purpose))
    }

    static func project(_ directory: String = exampleSite, purpose: ComposeLoadOptions.Purpose = .local) throws -> LocalProject {
        let result = try load(directory, purpose: purpose)
        let site = try #require(result.site).resolved(environmentName: nil)
        return LocalProject(site: site, composeFiles: result.files)
    }

    @Test func phaseOneRunsTheSiteOnThisMachineAndTheRestInDocker() throws {
        let project = try Self.project()
        let host = try project.hostService(named: nil, baseImage: { _ in nil })
        #expect(host.name == "site")  // x-berth.dev.host
        let setup = project.phaseOne(host: host)
        let override = try #require(setup.files.first { $0.path == ".berth/dev/phase1.yaml" })
        try assertGolden(override.contents, named: "example-site.dev-phase1.yaml")
        let env = try #require(setup.files.first { $0.path == ".berth/dev/site.env" })
        #expect(env.isPrivate)
        #expect(env.contents.contains("CMS_URL=http://localhost:1337\n") && env.contents.contains("PORT=3000\n"))
        #expect(env.shown?.contains("CMS_CONTENT_KEY=(hidden)") == true)
        #expect(
            setup.commands == [
                ["compose", "--project-name", "website", "-f", "compose.yaml", "-f", ".berth/dev/phase1.yaml", "rm", "--stop", "--force", "site"],
                [
                    "compose", "--project-name", "website", "-f", "compose.yaml", "-f", ".berth/dev/phase1.yaml", "up", "--detach", "--wait",
                    "--remove-orphans",
                ],
            ])
        #expect(setup.host?.command == "node --watch server.js")
        #expect(setup.host?.directory == Self.exampleSite + "/site")
        #expect(setup.urls.map(\.url) == ["http://localhost/", "http://localhost:3000/"])

        // What compose makes of the two files: the site is left out, the proxy no longer needs
        // it to start and reaches it through the host, the CMS is published on loopback.
        let merged = try Self.load(
            Self.exampleSite, purpose: .local, files: ["compose.yaml", ".berth/dev/phase1.yaml"], extra: [override.path: override.contents])
        // (Berth's own check that x-berth names services sees the site gone; compose has none.)
        #expect(merged.errors.allSatisfy { $0.message == "\"site\" is not a service" }, "\(merged.errors.map(\.description))")
        let site = try #require(merged.site)
        #expect(site.services.map(\.name) == ["proxy", "cms"])
        #expect(site.service(named: "proxy")?.dependencies.map(\.required) == [false])
        #expect(site.service(named: "cms")?.ports.map { "\($0.hostIP ?? ""):\($0.target)" } == ["127.0.0.1:1337"])
        #expect(override.contents.contains("- \"127.0.0.1:1337:1337\""))
        #expect(try SchemaSubset(contentsOf: Self.schema).violations(of: try #require(merged.documentJSON())) == [])
        #expect(override.contents.contains("- site:host-gateway"))
        #expect(override.contents.contains("required: false"))
    }

    @Test func phaseTwoIsTheSiteAsFargateRunsIt() throws {
        let project = try Self.project(purpose: .deploy)
        let setup = project.phaseTwo { source in try ContentReader(processEnvironment: [:]).read(source, project: Self.exampleSite) }
        let file = try #require(setup.files.first)
        #expect(file.path == ".berth/dev/phase2.yaml" && file.isPrivate)
        try assertGolden(file.contents, named: "example-site.dev-phase2.yaml")
        #expect(
            setup.commands == [
                [
                    "compose", "--project-name", "website", "--project-directory", ".", "-f", ".berth/dev/phase2.yaml", "up", "--detach", "--wait",
                    "--remove-orphans", "--build",
                ]
            ])

        let loaded = try Self.load(Self.exampleSite, purpose: .local, files: [".berth/dev/phase2.yaml"], extra: [file.path: file.contents])
        #expect(!loaded.hasErrors, "\(loaded.errors.map(\.description))")
        #expect(try SchemaSubset(contentsOf: Self.schema).violations(of: try #require(loaded.documentJSON())) == [])
        let site = try #require(loaded.site)
        #expect(
            site.services.map(\.name) == ["proxy-berth-wait", "proxy-berth-files", "proxy", "site-berth-wait", "site", "cms"],
            "the probe is in a profile of its own")
        // No bind mounts: nginx.conf arrives through the init container's volume, as on Fargate.
        let proxy = try #require(site.service(named: "proxy"))
        #expect(proxy.configFiles.isEmpty && proxy.mounts.map(\.kind) == [.volume])
        #expect(proxy.dependencies.map(\.service) == ["proxy-berth-wait", "proxy-berth-files"])
        #expect(proxy.dependencies.allSatisfy { $0.condition == .serviceCompletedSuccessfully })
        let files = try #require(site.service(named: "proxy-berth-files"))
        #expect(files.environment.first?.value?.contains("upstream site { server site:3000; }") == true)
        // The Fargate size as limits: the CMS has 0.5 vCPU and 1 GiB.
        #expect(file.contents.contains("cpus: \"0.5\"\n          memory: 1024M"))
        // `$` in the scripts reaches the container as written.
        #expect(site.service(named: "site-berth-wait")?.command?.first?.contains("${BERTH_WAIT_SECONDS:-110}") == true)
        #expect(file.shown?.contains("CMS_URL: (hidden)") == true && !(file.shown ?? "").contains("server site:3000"))
    }

    /// The published awesome-compose sites with a Node.js service: both phases give files that
    /// are valid compose, the host service is left out of phase 1 and every service is in phase 2
    /// without bind mounts (source folders mounted over the build are gone: the image has them).
    @Test(arguments: [("angular", "web"), ("nginx-nodejs-redis", "web1"), ("react-express-mysql", "backend"), ("vuejs", "web")])
    func awesomeComposeNodeSites(_ name: String, _ host: String) throws {
        let directory = Self.repository.appendingPathComponent("Tests/Fixtures/compose/awesome-compose/\(name)").path
        let schema = try SchemaSubset(contentsOf: Self.schema)
        let project = try Self.project(directory)
        let setup = project.phaseOne(host: try project.hostService(named: host, baseImage: { _ in nil }))
        let override = try #require(setup.files.first)
        let merged = try Self.load(directory, purpose: .local, files: ["compose.yaml", override.path], extra: [override.path: override.contents])
        #expect(schema.violations(of: try #require(merged.documentJSON())) == [])
        #expect(merged.site?.services.contains { $0.name == host } == false)
        #expect(merged.site?.services.count == project.site.services.count - 1)

        let deployView = try Self.project(directory, purpose: .deploy)
        let phaseTwo = deployView.phaseTwo { _ in "contents" }
        let file = try #require(phaseTwo.files.first)
        let loaded = try Self.load(directory, purpose: .local, files: [file.path], extra: [file.path: file.contents])
        #expect(schema.violations(of: try #require(loaded.documentJSON())) == [])
        #expect(!loaded.hasErrors, "\(loaded.errors.map(\.description))")
        for service in project.site.services {
            // Bind-mounted folders would be errors; bind-mounted files would be config files.
            #expect(loaded.site?.service(named: service.name)?.configFiles.isEmpty == true, "\(service.name)")
        }
    }

    @Test func theHostServiceIsChosenOrTheChoiceExplained() throws {
        let project = try Self.project()
        #expect(try project.hostService(named: "cms", baseImage: { _ in nil }).name == "cms")
        #expect(throws: DeployError.self) { try project.hostService(named: "nope", baseImage: { _ in nil }) }
        var unmarked = project
        for index in unmarked.site.services.indices { unmarked.site.services[index].berth.dev = nil }
        // The site's Dockerfile builds from node.
        #expect(try unmarked.hostService(named: nil, baseImage: { $0.name == "site" ? "node:20-alpine" : nil }).name == "site")
        let error = #expect(throws: DeployError.self) { try unmarked.hostService(named: nil, baseImage: { _ in nil }) }
        #expect(error?.message.contains("no service runs Node.js") == true)
        let several = #expect(throws: DeployError.self) { try unmarked.hostService(named: nil, baseImage: { _ in "node:22" }) }
        #expect(several?.message.contains("several services run Node.js (proxy, site, cms)") == true)
    }
}

/// The disk, with some files that exist only in the test (the generated ones).
struct LocalFileSystemWithExtras: ComposeFileSystem {
    var extras: [String: String]
    var directories: Set<String> = []
    let disk = LocalFileSystem()

    func readText(atPath path: String) -> String? { extras[path] ?? disk.readText(atPath: path) }

    func kind(atPath path: String) -> FileKind? {
        if extras[path] != nil { return .file }
        if directories.contains(path) { return .directory }
        return disk.kind(atPath: path)
    }
}
