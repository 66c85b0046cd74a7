import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// Published compose files through the whole pipeline a deploy runs, without AWS: load, find
/// the ports of services others name, render the single template. Refused files must be refused
/// with every error located; accepted ones must give a site where what `docker compose up` gives
/// locally holds on Fargate.
@Suite struct RealWorldComposeTests {
    /// The verdict on each file, with the first error of a refused one: Fargate cannot see host
    /// directories or run the Docker socket, and an image name emptied by unset variables
    /// (`postgres:`, `prestashop/prestashop:--apache`) is refused as `docker compose up` refuses it.
    static let expected: [String: String?] = [
        "bookstack": "docker-compose.yml:37:9 services.app.volumes[0]",
        "docmost": nil,
        "drupal": nil,
        "ghost": "compose.yml:15:9 services.caddy.volumes[0]",
        "joomla": nil,
        "kong": "docker-compose.yml:96:9 services.kong.volumes[2]",
        "listmonk": "docker-compose.yml:42:9 services.app.volumes[0]",
        "mattermost": "docker-compose.yml:4:12 services.postgres.image",
        "n8n": nil,
        "nextcloud": nil,
        "nextcloud-proxy": "compose.yaml:82:9 services.proxy.volumes[3]",
        "outline": nil,
        "payload": "docker-compose.yml:9:9 services.payload.volumes[0]",
        "prestashop": "docker-compose.yml:16:12 services.prestashop.image",
        "sentry": "docker-compose.yml:98:7 services.web.volumes[1]",
        "shlink": "docker-compose.yml:8:15 services.shlink_nginx.volumes[0]",
        "umami": nil,
        "uptime-kuma": "compose.yaml:6:9 services.uptime-kuma.volumes[0]",
        "wagtail": "docker-compose.yml:28:9 services.app.volumes[0]",
        "wikijs": nil,
        "wordpress": nil,
    ]

    @Test func theCorpusHasItsFifteenProjects() {
        #expect(RealWorldCorpus.projects.count >= 15)
        #expect(Set(RealWorldCorpus.projects) == Set(Self.expected.keys), "every folder has a verdict here, and every verdict a folder")
    }

    @Test(arguments: RealWorldCorpus.projects)
    func acceptedOrRefusedWithLocatedErrors(project: String) throws {
        let result = RealWorldCorpus.load(project)
        let first = result.errors.first.map { error in "\(error.location.map { "\($0.file):\($0.line):\($0.column)" } ?? "-") \(error.path)" }
        #expect(first == Self.expected[project] ?? nil)
        for error in result.errors {
            #expect(error.location != nil, "\(project): an error without a place: \(error.description)")
        }
        for diagnostic in result.diagnostics {
            for canary in RealWorldCorpus.canaries { #expect(!diagnostic.description.contains(canary)) }
        }
    }

    /// Ghost's own file keeps its content and database in host directories; opted in with a
    /// second file, as a team would add one, each becomes a named EFS volume and the site renders.
    @Test func ghostsDataDirectoriesBecomeVolumesWithTheOptIn() throws {
        let extra = FileManager.default.temporaryDirectory.appendingPathComponent("berth-ghost-\(UUID().uuidString).yaml")
        try "x-berth: {bind_mounts: volumes}\n".write(to: extra, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: extra) }
        let directory = RealWorldCorpus.directory.appendingPathComponent("ghost").path
        let result = ComposeLoader.load(
            ComposeLoadOptions(
                files: [directory + "/compose.yml", extra.path], workingDirectory: directory, processEnvironment: RealWorldCorpus.canaryEnvironment))
        #expect(!result.errors.contains { $0.message.contains("bind-mounts") }, "\(result.errors.map(\.description))")
        let site = try #require(result.site)
        let made = Dictionary(uniqueKeysWithValues: site.volumes.compactMap { volume in volume.hostDirectory.map { (volume.name, $0) } })
        #expect(made["data-ghost"] == "data/ghost" && made["data-mysql"] == "data/mysql" && made["caddy"] == "caddy")
        #expect(site.service(named: "ghost")?.mounts.contains { $0.source == "data-ghost" && $0.target == "/var/lib/ghost/content" } == true)
    }

    static var accepted: [String] { expected.filter { $0.value == nil }.map(\.key).sorted() }

    @Test(arguments: Self.accepted)
    func anAcceptedSiteWorksOnFargateAsItDoesUnderComposeUp(project: String) async throws {
        let result = RealWorldCorpus.load(project)
        let site = try #require(result.site).resolved(environmentName: nil)
        let discovery = await ImagePortDiscovery(source: RealWorldCorpus.Registry()).discover(in: site)
        let deployed = discovery.site
        let rendered = try UnifiedStack(
            site: deployed, input: InfraStackInput(site: deployed, environmentName: "prod"), processEnvironment: RealWorldCorpus.canaryEnvironment
        ).render()
        let template = CorpusTemplate(rendered.template)

        // Every service another names answers under its compose name on each of its ports, with
        // a security-group rule; or validate said it could not, at that service, with the fix.
        for service in deployed.services where !deployed.references(to: service.name).isEmpty {
            let ports = (service.ports.filter { $0.transport == .tcp }.map(\.target) + service.expose.filter { $0.transport == .tcp }.map(\.port))
            if ports.isEmpty {
                #expect(
                    discovery.diagnostics.contains {
                        $0.severity == .warning && $0.path == "services.\(service.name)" && $0.hint?.contains("expose") == true
                    },
                    "\(project): \(service.name) is named but neither reachable nor warned about")
            }
            for port in Set(ports) {
                #expect(template.aliases.contains(.init(name: service.name, port: port)), "\(project): no Service Connect \(service.name):\(port)")
                #expect(rendered.yaml.contains("FromPort: \(port)"), "\(project): no security-group rule for \(port)")
            }
        }

        // Every variable of an env_file reaches the container.
        for service in deployed.services {
            for file in service.envFiles {
                let path = file.path.hasPrefix("/") ? file.path : "\(deployed.projectDirectory)/\(file.path)"
                let text = try String(contentsOfFile: path, encoding: .utf8)
                let keys = text.split(separator: "\n").compactMap { line -> String? in
                    let line = line.trimmingCharacters(in: .whitespaces)
                    guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { return nil }
                    return String(line[..<equals]).replacingOccurrences(of: "export ", with: "").trimmingCharacters(in: .whitespaces)
                }
                for key in keys {
                    #expect(
                        template.environment(of: service.name).contains(key),
                        "\(project): \(key) of \(file.path) is not in \(service.name)'s container")
                }
            }
        }

        // A port published on loopback stays private: no listener for it.
        let loopbackOnly = Set(site.services.flatMap { $0.ports }.filter { $0.hostIP?.hasPrefix("127.") == true }.compactMap(\.published))
            .subtracting(site.services.flatMap { $0.ports }.filter { $0.hostIP?.hasPrefix("127.") != true }.compactMap(\.published))
        #expect(template.listenerPorts.isDisjoint(with: loopbackOnly), "\(project): a loopback-only port is public")

        // Nothing of the deployer's credentials anywhere.
        for canary in RealWorldCorpus.canaries {
            #expect(!rendered.yaml.contains(canary))
            #expect(!discovery.diagnostics.contains { $0.description.contains(canary) })
        }
    }
}

/// What the corpus checks read from a rendered template.
struct CorpusTemplate {
    struct Alias: Hashable {
        var name: String
        var port: Int
    }

    var aliases: Set<Alias> = []
    var listenerPorts: Set<Int> = []
    private var environments: [String: Set<String>] = [:]

    init(_ template: Template) {
        for resource in template.resources {
            switch resource.type {
            case "AWS::ECS::Service":
                for entry in resource.properties["ServiceConnectConfiguration"]?["Services"]?.list ?? [] {
                    for alias in entry["ClientAliases"]?.list ?? [] {
                        if case .string(let name) = alias["DnsName"], case .int(let port) = alias["Port"] {
                            aliases.insert(Alias(name: name, port: port))
                        }
                    }
                }
            case "AWS::ElasticLoadBalancingV2::Listener":
                if case .int(let port) = resource.properties["Port"] { listenerPorts.insert(port) }
            case "AWS::ECS::TaskDefinition":
                for container in resource.properties["ContainerDefinitions"]?.list ?? [] {
                    guard case .string(let name) = container["Name"] else { continue }
                    let names = ((container["Environment"]?.list ?? []) + (container["Secrets"]?.list ?? [])).compactMap { entry -> String? in
                        if case .string(let key) = entry["Name"] { key } else { nil }
                    }
                    environments[name, default: []].formUnion(names)
                }
            default:
                continue
            }
        }
    }

    func environment(of container: String) -> Set<String> { environments[container] ?? [] }
}

extension TemplateValue {
    fileprivate var list: [TemplateValue]? { if case .list(let list) = self { list } else { nil } }
}
