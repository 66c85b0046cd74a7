import ComposeModel
import Foundation
import ImageRegistry

/// Finds the ports of services that other services name but whose compose entry declares none,
/// as `docker compose up` needs no ports to let `wordpress` reach `db:3306`: from the image's
/// configuration (`ExposedPorts`), or for a `build:` service from its Dockerfile's `EXPOSE` and
/// the image it builds on. The ports found become the service's internal ports, so it gets a
/// Service Connect name and a security-group rule like a declared `expose:`.
///
/// Where ports cannot be found (registry unreachable, image not pushed, nothing exposed), the
/// service gets a warning at its line naming who reaches it and the `expose:` line to add.
///
/// The same lookup gives the image's `USER` for services that mount a named volume without a
/// `user:` of their own: the volume's directory is created owned by that user when it is
/// numeric, as the image would find it under Docker.
package struct ImagePortDiscovery: Sendable {
    /// Nil: image lookups are off (`BERTH_IMAGE_LOOKUP=off`); Dockerfiles are still read.
    package var source: (any ImageConfigSource)?
    package var fileSystem: any ComposeFileSystem

    package init(source: (any ImageConfigSource)?, fileSystem: any ComposeFileSystem = LocalFileSystem()) {
        self.source = source
        self.fileSystem = fileSystem
    }

    package struct Result: Sendable {
        package var site: Site
        package var diagnostics: [Diagnostic]
    }

    package func discover(in site: Site) async -> Result {
        // Every service without declared ports: compose lets any service reach any other by name,
        // and a database named only in an installer's form (Drupal's) must answer all the same.
        let wanted = site.services.indices.filter { Self.wantsPorts(site.services[$0]) || Self.wantsUser(site.services[$0]) }
        let found = await withTaskGroup(of: (Int, Outcome).self) { group in
            for index in wanted {
                let service = site.services[index]
                group.addTask { (index, await self.ports(of: service, in: site)) }
            }
            var found: [Int: Outcome] = [:]
            for await (index, outcome) in group { found[index] = outcome }
            return found
        }
        var result = Result(site: site, diagnostics: [])
        for index in wanted {
            guard let outcome = found[index] else { continue }
            let service = site.services[index]
            let path = "services.\(service.name)"
            if Self.wantsUser(service), let user = outcome.user {
                result.site.services[index].imageUser = user
                if let note = Self.ownershipNote(service, user: user, in: site) { result.diagnostics.append(note) }
            }
            guard Self.wantsPorts(service) else { continue }
            let references = site.references(to: service.name)
            if !outcome.ports.isEmpty {
                result.site.services[index].expose = outcome.ports
                let list = outcome.ports.map { "\($0.port)/\($0.transport.rawValue)" }.joined(separator: ", ")
                let who = references.isEmpty ? "" : " (\(Self.describe(references)))"
                result.diagnostics.append(
                    .note(
                        at: service.location, path: path,
                        "reachable as \(service.name) on \(list), the ports of \(outcome.ports[0].foundIn ?? "its image")\(who)"))
            } else if !references.isEmpty {
                result.diagnostics.append(
                    .warning(
                        at: service.location, path: path,
                        "\(Self.describe(references)) but Berth cannot tell which port \(service.name) listens on: \(outcome.reason ?? "no port found")",
                        hint: "add expose: [\"PORT\"] to \(service.name), e.g. the port its image documents"))
            } else if outcome.lookupFailed {
                result.diagnostics.append(
                    .note(
                        at: service.location, path: path,
                        "no other service names \(service.name), and its ports are unknown: \(outcome.reason ?? "")",
                        hint: "add expose: if something reaches it by name"))
            }
        }
        return result
    }

    static func wantsPorts(_ service: Service) -> Bool { service.ports.isEmpty && service.expose.isEmpty }
    static func wantsUser(_ service: Service) -> Bool { service.user == nil && service.mounts.contains { $0.kind == .volume } }

    /// An image that runs as a named user (`USER node`) cannot be given its directory's owner
    /// without reading its /etc/passwd: say so where a volume would be created owned by root.
    static func ownershipNote(_ service: Service, user: String, in site: Site) -> Diagnostic? {
        guard Int(user.split(separator: ":").first ?? "") == nil else { return nil }
        let rootOwned = service.mounts.filter { $0.kind == .volume }.compactMap(\.source).uniqued().filter { name in
            site.volume(named: name)?.accessPoint.uid == nil
        }
        guard let volume = rootOwned.first else { return nil }
        return .note(
            at: service.location, path: "services.\(service.name)",
            "its image runs as user \(user), but volume \(volume)'s directory is created owned by root (0:0), which \(user) may not be able to write",
            hint: "give the volume driver_opts uid and gid, or the service user: with the numeric ids")
    }

    static func describe(_ references: [ServiceReference]) -> String {
        let first = references[0]
        let more = references.count > 1 ? " and \(references.count - 1) more" : ""
        return "\(first.from) reaches it (\(first.kind))\(more)"
    }

    struct Outcome: Sendable {
        var ports: [ExposedPort]
        var reason: String?
        /// The image or Dockerfile could not be read (as opposed to declaring no port).
        var lookupFailed = false
        /// The image's `USER`, when it sets one.
        var user: String?
    }

    func ports(of service: Service, in site: Site) async -> Outcome {
        if let build = service.build {
            return await dockerfilePorts(service, build: build, in: site)
        }
        guard let image = service.deployedImage else { return Outcome(ports: [], reason: "it has no image") }
        return await imagePorts(image, platform: service.registryPlatform, label: "image \(image)")
    }

    private func imagePorts(_ text: String, platform: RegistryClient.Platform, label: String) async -> Outcome {
        guard let reference = ImageReference(parsing: text) else {
            return Outcome(ports: [], reason: "\(text) is not an image name Berth can look up", lookupFailed: true)
        }
        guard let source else { return Outcome(ports: [], reason: "image lookups are off (BERTH_IMAGE_LOOKUP=off)") }
        do {
            let config = try await source.config(of: reference, platform: platform)
            let ports = config.exposedPorts.compactMap { port in
                PortMapping.TransportProtocol(rawValue: port.transport).map { ExposedPort(port: port.number, transport: $0, foundIn: label) }
            }
            return Outcome(ports: ports, reason: ports.isEmpty ? "\(label) declares no port" : nil, user: config.user)
        } catch {
            return Outcome(ports: [], reason: "could not read \(label): \(error.message)\(error.code.map { " (\($0))" } ?? "")", lookupFailed: true)
        }
    }

    private func dockerfilePorts(_ service: Service, build: BuildSettings, in site: Site) async -> Outcome {
        guard !build.context.contains("://"), !build.context.hasPrefix("git@") else {
            return Outcome(ports: [], reason: "its build context \(build.context) is remote", lookupFailed: true)
        }
        let context = build.context.hasPrefix("/") ? build.context : "\(site.projectDirectory)/\(build.context)"
        let name = build.dockerfile ?? "Dockerfile"
        let path = name.hasPrefix("/") ? name : "\(context)/\(name)"
        guard let text = fileSystem.readText(atPath: path) else {
            return Outcome(ports: [], reason: "its Dockerfile \(name) could not be read", lookupFailed: true)
        }
        let arguments = Dictionary(build.args.compactMap { arg in arg.value.map { (arg.name, $0) } }, uniquingKeysWith: { _, last in last })
        guard let image = Dockerfile(text: text, buildArgs: arguments).image(target: build.target) else {
            return Outcome(ports: [], reason: "its Dockerfile has no stage \(build.target ?? "FROM")", lookupFailed: true)
        }
        let own = image.exposed.map { ExposedPort(port: $0.port, transport: $0.transport, foundIn: "its Dockerfile") }
        guard let base = image.baseImage else {
            return Outcome(ports: own, reason: own.isEmpty ? "its Dockerfile exposes no port" : nil, user: image.user)
        }
        let inherited = await imagePorts(base, platform: service.registryPlatform, label: "its Dockerfile's base image \(base)")
        let ports = (own + inherited.ports.filter { port in !own.contains { $0.port == port.port && $0.transport == port.transport } })
        return Outcome(
            ports: ports, reason: ports.isEmpty ? "its Dockerfile exposes no port and \(inherited.reason ?? "its base image declares none")" : nil,
            lookupFailed: ports.isEmpty && inherited.lookupFailed, user: image.user ?? inherited.user)
    }
}

extension Service {
    /// The platform whose image configuration applies: the service's `platform:`, else the
    /// X86_64 Fargate runs by default.
    var registryPlatform: RegistryClient.Platform { platform.flatMap(RegistryClient.Platform.init) ?? .amd64 }
}
