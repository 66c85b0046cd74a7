import ComposeModel
import Foundation
import StackTemplates

extension LocalProject {
    /// The profile of the probe service, which only `--check` runs.
    static let checkProfile = "berth-check"
    /// The probe's service name in the phase 2 file.
    static let probeService = "berth-probe"

    /// Phase 2: every service in Docker, shaped as its task definition is on Fargate, in one
    /// compose file of its own (a standalone file, since an override cannot take a bind mount
    /// away). The site is the deploy's view: `compose.override.yaml` only when `-f` named it.
    ///
    /// - every container has its Fargate size as `deploy.resources.limits` and its task's
    ///   platform;
    /// - its environment is the task definition's (the compose `environment` and `env_file`s);
    /// - config files and secrets are written by an init container running the service's image
    ///   and the same script as on Fargate, into volumes the service mounts;
    /// - dependencies in other tasks are waited for by the same `berth-wait` container;
    /// - named volumes, tmpfs and anonymous volumes stay; bind mounts, which Fargate cannot
    ///   have, are gone (bind-mounted files are config files, as on Fargate).
    ///
    /// `contents` reads a config's or secret's bytes; a file whose contents cannot be read
    /// locally (an external secret) is left out with a note.
    package func phaseTwo(contents: (ContentSource) throws -> String) -> DevSetup {
        var services = TemplateMap()
        var volumes = TemplateMap()
        var notes: [String] = []
        for volume in site.volumes { volumes[volume.name] = .map([:]) }
        for task in site.tasks {
            for service in task.members {
                var entry = container(service, platform: task.buildPlatform)
                var dependsOn = TemplateMap()
                for dependency in service.dependencies where task.contains(dependency.service) {
                    dependsOn[dependency.service] = ["condition": .string(dependency.condition.rawValue)]
                }
                let waitFor = DependencyWait.targets(of: service, in: task, site: site)
                if !waitFor.isEmpty {
                    let name = "\(service.name)-\(DependencyWait.containerName)"
                    services[name] = [
                        "image": .string(ToolImage.alpine), "platform": .string(task.buildPlatform), "entrypoint": ["/bin/sh", "-c"],
                        "command": [.string(DependencyWait.script)],
                        "environment": [
                            DependencyWait.secondsVariable: .string(String(DependencyWait.giveUpAfter)),
                            DependencyWait.targetsVariable: .string(waitFor.joined(separator: " ")),
                        ],
                        "read_only": true,
                    ]
                    dependsOn[name] = ["condition": "service_completed_successfully"]
                }
                var files: [FileInjection.File] = []
                var values: [(String, String)] = []
                for file in FileInjection.files(of: service, in: site, contents: { (try? contents($0)) ?? "" }) {
                    guard let source = file.source, file.jsonKey == nil, let text = try? contents(source) else {
                        notes.append(
                            "\(service.name): \(file.target) is not written locally (\(file.externalName ?? "its contents cannot be read here"))")
                        continue
                    }
                    values.append(("BERTH_FILE_\(files.count)", file.storedValue(text)))
                    files.append(file)
                }
                if !files.isEmpty {
                    let name = "\(service.name)-berth-files"
                    let directories = FileInjection.directories(files)
                    var mounts: [TemplateValue] = entry["volumes"].flatMap { if case .list(let items) = $0 { items } else { nil } } ?? []
                    var initMounts: [TemplateValue] = []
                    for (index, directory) in directories.enumerated() {
                        let volume = "\(name)-\(index)"
                        volumes[volume] = .map([:])
                        initMounts.append(["type": "volume", "source": .string(volume), "target": .string("/berth/\(index)")])
                        mounts.append(["type": "volume", "source": .string(volume), "target": .string(directory)])
                    }
                    entry["volumes"] = .list(mounts)
                    var initEntry = TemplateMap()
                    initEntry["image"] = entry["image"]
                    if let build = entry["build"] { initEntry["build"] = build }
                    initEntry["platform"] = .string(task.buildPlatform)
                    initEntry["entrypoint"] = ["sh", "-c"]
                    initEntry["command"] = [.string(FileInjection.script(files))]
                    initEntry["user"] = "0"
                    initEntry["environment"] = .map(TemplateMap(values.map { ($0.0, .string($0.1)) }))
                    initEntry["volumes"] = .list(initMounts)
                    services[name] = .map(initEntry)
                    dependsOn[name] = ["condition": "service_completed_successfully"]
                }
                if !dependsOn.isEmpty { entry["depends_on"] = .map(dependsOn) }
                services[service.name] = .map(entry)
            }
        }
        let edges = site.dependencyEdges
        if !edges.isEmpty {
            let targets = edges.map { ReachabilityProbe.Result(server: $0.server, address: $0.server, port: $0.port, open: false).target }.uniqued()
            services[Self.probeService] = [
                "image": .string(ToolImage.alpine), "profiles": [.string(Self.checkProfile)], "entrypoint": ["/bin/sh", "-c"],
                "command": [.string(ReachabilityProbe.script)],
                "environment": [ReachabilityProbe.targetsVariable: .string(targets.joined(separator: " "))],
            ]
        }
        let path = Self.directory + "/phase2.yaml"
        func render(_ services: TemplateMap) -> String {
            var document: TemplateMap = ["name": .string(site.projectName), "services": .map(services)]
            if !volumes.isEmpty { document["volumes"] = .map(volumes) }
            return YAMLEmitter.document(
                Self.escaped(.map(document)),
                comment: [
                    "Written by berth dev --phase 2; it is rewritten each time. Every service as its task definition runs it on Fargate.",
                    "docker compose --project-directory . -f \(path) up",
                ])
        }
        // The services' variables and files may be secrets: `--print` shows them hidden.
        let secretive = Set(site.services.map(\.name)).union(services.keys.filter { $0.hasSuffix("-berth-files") })
        var shown = TemplateMap()
        for (name, value) in services.entries {
            guard secretive.contains(name), case .map(var entry) = value, case .map(let environment)? = entry["environment"] else {
                shown[name] = value
                continue
            }
            entry["environment"] = .map(TemplateMap(environment.entries.map { ($0.key, TemplateValue.string(Self.hidden)) }))
            shown[name] = .map(entry)
        }
        return DevSetup(
            phase: 2, files: [.init(path: path, contents: render(services), shown: render(shown))],
            commands: [phaseTwoCompose(["up", "--detach", "--wait", "--remove-orphans", "--build"])],
            host: nil, urls: urls(of: site.services), notes: notes)
    }

    /// The probe's command line for `--check`, once the containers are up.
    package func checkCommand() -> [String] {
        phaseTwoCompose(["run", "--rm", "--no-deps", Self.probeService])
    }

    /// `docker compose` on the phase 2 file alone; its relative paths are the project's, as
    /// `--project-directory` makes them (compose would take the file's own folder).
    func phaseTwoCompose(_ arguments: [String]) -> [String] {
        ["compose", "--project-name", site.projectName, "--project-directory", ".", "-f", Self.directory + "/phase2.yaml"] + arguments
    }

    /// One service's container as its task definition has it.
    private func container(_ service: Service, platform: String) -> TemplateMap {
        var entry = TemplateMap()
        if let image = service.deployedImage { entry["image"] = .string(image) }
        if let build = service.build {
            var map: TemplateMap = ["context": .string(relative(build.context))]
            if let dockerfile = build.dockerfile { map["dockerfile"] = .string(dockerfile) }
            if let target = build.target { map["target"] = .string(target) }
            let args = build.args.compactMap { arg in arg.value.map { (arg.name, TemplateValue.string($0)) } }
            if !args.isEmpty { map["args"] = .map(TemplateMap(args)) }
            entry["build"] = .map(map)
        }
        entry["platform"] = .string(platform)
        if let entrypoint = service.entrypoint { entry["entrypoint"] = .list(entrypoint.map(TemplateValue.string)) }
        if let command = service.command { entry["command"] = .list(command.map(TemplateValue.string)) }
        let environment = service.environment.compactMap { variable in variable.value.map { (variable.name, TemplateValue.string($0)) } }
        if !environment.isEmpty { entry["environment"] = .map(TemplateMap(environment)) }
        let ports = service.ports.compactMap { port -> TemplateValue? in
            guard let published = port.published else { return nil }
            var map: TemplateMap = [
                "target": .int(port.target), "published": .string(String(published)), "protocol": .string(port.transport.rawValue),
            ]
            if let hostIP = port.hostIP { map["host_ip"] = .string(hostIP) }
            return .map(map)
        }
        if !ports.isEmpty { entry["ports"] = .list(ports) }
        let exposed = service.serviceConnectPorts.map { TemplateValue.string(String($0)) }
        if !exposed.isEmpty { entry["expose"] = .list(exposed) }
        let mounts = service.mounts.compactMap { mount -> TemplateValue? in
            switch mount.kind {
            case .volume:
                guard let source = mount.source else { return nil }
                var map: TemplateMap = ["type": "volume", "source": .string(source), "target": .string(mount.target)]
                if mount.readOnly { map["read_only"] = true }
                if let subpath = mount.subpath { map["volume"] = ["subpath": .string(subpath)] }
                return .map(map)
            case .tmpfs: return ["type": "tmpfs", "target": .string(mount.target)]
            case .ephemeral: return ["type": "volume", "target": .string(mount.target)]
            }
        }
        if !mounts.isEmpty { entry["volumes"] = .list(mounts) }
        if let user = service.user { entry["user"] = .string(user) }
        if let directory = service.workingDirectory { entry["working_dir"] = .string(directory) }
        if service.readOnlyRootFilesystem { entry["read_only"] = true }
        if service.initProcess { entry["init"] = true }
        if let grace = service.stopGracePeriod { entry["stop_grace_period"] = .string(Self.duration(min(grace, 120))) }
        if let signal = service.stopSignal { entry["stop_signal"] = .string(signal) }
        if !service.capAdd.isEmpty { entry["cap_add"] = .list(service.capAdd.map(TemplateValue.string)) }
        if !service.capDrop.isEmpty { entry["cap_drop"] = .list(service.capDrop.map(TemplateValue.string)) }
        if !service.ulimits.isEmpty {
            entry["ulimits"] = .map(TemplateMap(service.ulimits.map { ($0.name, ["soft": .int($0.soft), "hard": .int($0.hard)]) }))
        }
        if let check = service.healthCheck {
            var map = TemplateMap()
            if check.disabled {
                map["disable"] = true
            } else {
                map["test"] = .list(check.test.map(TemplateValue.string))
                if let seconds = check.intervalSeconds { map["interval"] = .string(Self.duration(seconds)) }
                if let seconds = check.timeoutSeconds { map["timeout"] = .string(Self.duration(seconds)) }
                if let retries = check.retries { map["retries"] = .int(retries) }
                if let seconds = check.startPeriodSeconds { map["start_period"] = .string(Self.duration(seconds)) }
            }
            entry["healthcheck"] = .map(map)
        }
        let size = service.fargateSize
        entry["deploy"] = [
            "resources": ["limits": ["cpus": .string(Self.vcpus(size.cpu)), "memory": .string("\(size.memory)M")]]
        ]
        return entry
    }

    /// `0.25` for 256 CPU units.
    static func vcpus(_ units: Int) -> String {
        let value = Double(units) / 1024
        return value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// `90s`, `1.5s`.
    static func duration(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}
