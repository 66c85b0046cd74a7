import ComposeModel
import Foundation
import StackTemplates

extension LocalProject {
    /// The profile the host service is put in, so that `up` leaves it out: compose starts a
    /// service with profiles only when one of them is active or the service is named.
    static let hostProfile = "berth-host"
    /// What `--print` shows in place of a variable's value.
    static let hidden = "(hidden)"

    /// The service phase 1 runs on the host: `named`, else the one whose `x-berth.dev` says
    /// `host: true`, else the only Node.js service (`baseImage` tells a built service's image).
    package func hostService(named: String?, baseImage: (Service) -> String?) throws -> Service {
        if let named {
            guard let service = site.services.first(where: { $0.name == named }) else {
                throw DeployError(
                    "there is no service \(named) in the compose files", hint: "choose one of \(site.services.map(\.name).joined(separator: ", "))")
            }
            return service
        }
        if let marked = site.services.first(where: { $0.berth.dev?.host == true }) { return marked }
        let node = site.services.filter { service in (baseImage(service) ?? service.image).map(Self.isNode) ?? false }
        guard node.count == 1, let only = node.first else {
            throw DeployError(
                node.isEmpty
                    ? "no service runs Node.js, so berth dev cannot tell which one to run on this machine"
                    : "several services run Node.js (\(node.map(\.name).joined(separator: ", "))); berth dev runs one on this machine",
                hint: "choose it with --host-service NAME, or mark it with x-berth: {dev: {host: true}}")
        }
        return only
    }

    /// `node`, `node:22-alpine`, `docker.io/library/node@sha256:…`.
    static func isNode(_ image: String) -> Bool {
        let withoutDigest = image.split(separator: "@").first.map(String.init) ?? image
        let name = withoutDigest.split(separator: "/").last.map(String.init) ?? withoutDigest
        return name.split(separator: ":").first == "node"
    }

    /// Phase 1: `host` on this machine, the other services in Docker from the same files plus
    /// an override that
    /// - leaves `host` out of `up` (a profile of its own; dependencies on it are not required),
    /// - lets every container reach it by its name (`extra_hosts: NAME:host-gateway`, so the
    ///   proxy's `proxy_pass http://site:3000` needs no edit),
    /// - publishes on 127.0.0.1 the ports of the services `host` uses (its `depends_on` and any
    ///   service its environment names), so that it reaches them as `localhost`.
    package func phaseOne(host: Service) -> DevSetup {
        let others = site.services.filter { $0.name != host.name }
        let reached = others.filter { other in
            host.dependencies.contains { $0.service == other.name }
                || host.environment.contains { variable in
                    variable.value.map { HostEnvironment.rewrite($0, ports: [other.name: [:]]) != $0 } ?? false
                }
        }
        var used = Set(others.flatMap { $0.ports.compactMap(\.published) } + host.serviceConnectPorts)
        var hostPorts: [String: [Int: Int]] = [:]
        var added: [String: [String]] = [:]
        for service in reached {
            var ports: [Int: Int] = [:]
            for port in service.serviceConnectPorts {
                if let published = service.ports.first(where: { $0.target == port && $0.published != nil })?.published {
                    ports[port] = published
                    continue
                }
                var chosen = port
                if used.contains(chosen) { chosen = 10000 + port % 10000 }
                while used.contains(chosen) { chosen += 1 }
                used.insert(chosen)
                ports[port] = chosen
                added[service.name, default: []].append("127.0.0.1:\(chosen):\(port)")
            }
            hostPorts[service.name] = ports
        }

        var services = TemplateMap()
        services[host.name] = ["profiles": [.string(Self.hostProfile)]]
        for service in others {
            var entry = TemplateMap()
            entry["extra_hosts"] = [.string("\(host.name):host-gateway")]
            let dependencies = service.dependencies.filter { $0.service == host.name }
            if let dependency = dependencies.first {
                entry["depends_on"] = [host.name: ["condition": .string(dependency.condition.rawValue), "required": false]]
            }
            if let ports = added[service.name] { entry["ports"] = .list(ports.map(TemplateValue.string)) }
            services[service.name] = .map(entry)
        }
        let overridePath = Self.directory + "/phase1.yaml"
        let envPath = Self.directory + "/\(host.name).env"
        let environment = HostEnvironment.rewrite(host.environment, ports: hostPorts)
        let rewritten = zip(host.environment, environment).filter { $0.value != $1.value }.map(\.0.name)
        let override = YAMLEmitter.document(
            Self.escaped(["services": .map(services)]),
            comment: [
                "Written by berth dev --phase 1; it is rewritten each time. \(host.name) runs on this machine, the other services in Docker.",
                "docker compose \(composeFiles.flatMap { ["-f", $0] }.joined(separator: " ")) -f \(overridePath) up",
            ])
        let directory = host.berth.dev?.directory.map(absolute) ?? host.build.map { absolute($0.context) } ?? site.projectDirectory
        let listening = host.serviceConnectPorts
        var notes = [
            "\(host.name) runs on this machine with the variables in \(envPath); the containers reach it as \(host.name)"
                + (listening.isEmpty ? "" : ":\(listening.map(String.init).joined(separator: ", "))")
                + ", so it must listen on 0.0.0.0, not only on localhost"
        ]
        if host.berth.dev?.command == nil {
            notes.append("x-berth.dev.command is not set for \(host.name): start it yourself in \(directory), e.g. with `npm run dev`")
        }
        let published = reached.flatMap { service in
            (added[service.name] ?? []).map { "\(service.name) at \($0)" }
        }
        if !published.isEmpty { notes.append("published for \(host.name): " + published.joined(separator: ", ")) }
        if others.isEmpty { notes.append("\(host.name) is the only service: nothing runs in Docker") }
        return DevSetup(
            phase: 1,
            files: [
                .init(path: overridePath, contents: override, shown: nil),
                .init(
                    path: envPath, contents: HostEnvironment.envFile(environment),
                    shown: HostEnvironment.envFile(
                        environment.map { rewritten.contains($0.name) ? $0 : NamedValue(name: $0.name, value: $0.value.map { _ in Self.hidden }) })),
            ],
            commands: [
                // A container of the host service from phase 2 would hold its ports.
                compose([overridePath], ["rm", "--stop", "--force", host.name]),
                // With no other service, there is nothing to start.
                others.isEmpty ? nil : compose([overridePath], ["up", "--detach", "--wait", "--remove-orphans"]),
            ].compactMap { $0 },
            host: .init(
                service: host.name, command: host.berth.dev?.command, directory: directory, environment: environment, ports: listening,
                rewritten: rewritten),
            urls: urls(of: others) + listening.map { ("http://localhost:\($0)/", host.name) },
            notes: notes)
    }
}
