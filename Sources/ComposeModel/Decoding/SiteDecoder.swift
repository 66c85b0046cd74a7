/// Turns the merged document into a `Site`: top-level resources first, so services can be checked
/// against the volumes, secrets, configs and networks they name.
struct SiteDecoder {
    var context: DecodingContext
    var reader: NodeReader { context.reader }
    var diagnostics: DiagnosticBag { context.diagnostics }

    static let topLevelKeys: Set<String> = ["version", "name", "include", "services", "networks", "volumes", "secrets", "configs", "models"]
    static let awsTopLevelKeys: Set<String> = ["x-aws-vpc", "x-aws-cluster", "x-aws-loadbalancer", "x-aws-cloudformation", "x-aws-logs_retention"]

    mutating func decode(_ document: LocatedNode, projectName: String) -> Site {
        var site = Site(projectName: projectName, projectDirectory: context.projectDirectory)
        guard let entries = reader.mapping(document, "") else { return site }
        reader.checkKeys(entries, "", known: Self.topLevelKeys)
        for entry in entries {
            let path = entry.key
            let value = entry.value
            switch entry.key {
            case "version":
                diagnostics.add(.note(at: entry.keyLocation, path: path, "`version` is obsolete and ignored", hint: "remove it"))
            case "volumes": site.volumes = decodeVolumes(value, path)
            case "networks": site.networks = decodeNetworks(value, path)
            case "configs": site.configs = decodeConfigs(value, path)
            case "secrets": site.secrets = decodeSecrets(value, path)
            case "models":
                diagnostics.add(.warning(at: entry.keyLocation, path: path, "Berth does not provision AI models; `models` is ignored"))
            case "x-aws-vpc": site.aws.vpc = reader.string(value, path)
            case "x-aws-cluster": site.aws.cluster = reader.string(value, path)
            case "x-aws-loadbalancer": site.aws.loadBalancer = reader.string(value, path)
            case "x-aws-cloudformation":
                if reader.mapping(value, path) != nil { site.aws.cloudFormation = value.jsonValue }
            case "x-aws-logs_retention":
                if let days = reader.int(value, path) {
                    if AWSSettings.validLogRetentionDays.contains(days) {
                        site.aws.logsRetentionDays = days
                    } else {
                        diagnostics.error(
                            value, path, "CloudWatch Logs cannot keep logs for \(days) days",
                            hint: "use one of \(AWSSettings.validLogRetentionDays.map(String.init).joined(separator: ", "))")
                    }
                }
            case "x-berth": site.berth = BerthDecoder(reader: reader).settings(value, path)
            case let key where key.hasPrefix("x-aws-"):
                diagnostics.add(
                    .warning(
                        at: entry.keyLocation, path: path, "\(key) is not one of the x-aws keys Berth reads, so it is ignored",
                        hint: "see docs/compose-reference.md for the supported keys"))
            default: break
            }
        }
        context.declaredVolumes = Set(site.volumes.map(\.name))
        context.declaredNetworks = Set(site.networks.map(\.name))
        context.declaredConfigs = Set(site.configs.map(\.name))
        context.declaredSecrets = Set(site.secrets.map(\.name))
        context.bindMountsAsVolumes = site.berth.bindMountsAsVolumes
        if let services = document["services"], let serviceEntries = reader.mapping(services, "services") {
            let decoder = ServiceDecoder(context: context)
            site.services = serviceEntries.map { decoder.decode(name: $0.key, node: $0.value, keyLocation: $0.keyLocation) }
        } else if document["services"] == nil {
            diagnostics.add(
                .error(at: document.location, path: "services", "the project defines no services", hint: "add a `services:` mapping"))
        }
        addHostDirectoryVolumes(&site)
        dropUnmountedVolumes(&site)
        return site
    }

    /// The named volumes bind-mounted host directories became: one per directory, shared by the
    /// services that mount it (as the directory is on a laptop). Two directories cannot share a
    /// name; a declared volume a mount names keeps its own settings and learns the directory.
    private func addHostDirectoryVolumes(_ site: inout Site) {
        for service in site.services {
            for mount in service.mounts {
                guard let directory = mount.hostDirectory, let name = mount.source else { continue }
                guard let index = site.volumes.firstIndex(where: { $0.name == name }) else {
                    var volume = NamedVolume(name: name, location: mount.location)
                    volume.hostDirectory = directory
                    site.volumes.append(volume)
                    continue
                }
                let known = site.volumes[index].hostDirectory
                if known == nil {
                    site.volumes[index].hostDirectory = directory
                } else if known != directory, let location = mount.location {
                    diagnostics.add(
                        .error(
                            at: location, path: "services".appendingKey(service.name).appendingKey("volumes"),
                            "\(directory) and \(known ?? "") would both become volume \(name)",
                            hint: "name one of them on the mount in long syntax: x-berth: {volume: NAME}"))
                }
            }
        }
    }

    /// Like compose, which makes only the volumes its services use: a volume that no active
    /// service mounts (its services are in profiles not enabled) gets no file system, which would
    /// otherwise be kept forever after the stack is gone.
    private func dropUnmountedVolumes(_ site: inout Site) {
        let mounted = Set(site.services.flatMap(\.mounts).filter { $0.kind == .volume }.compactMap(\.source))
        site.volumes.removeAll { volume in
            guard !mounted.contains(volume.name) else { return false }
            diagnostics.add(
                .note(
                    at: volume.location, path: "volumes".appendingKey(volume.name),
                    "no active service mounts volume \(volume.name), so Berth makes no file system for it",
                    hint: "it is made once a service that mounts it is enabled (--compose-profile)"))
            return true
        }
    }

    private func decodeVolumes(_ node: LocatedNode, _ path: String) -> [NamedVolume] {
        guard let entries = reader.mapping(node, path) else { return [] }
        return entries.map { entry in
            let keyPath = path.appendingKey(entry.key)
            var volume = NamedVolume(name: entry.key, location: entry.keyLocation)
            guard let fields = reader.mapping(entry.value, keyPath) else { return volume }
            reader.checkKeys(fields, keyPath, known: ["driver", "driver_opts", "external", "labels", "name"])
            for field in fields {
                let fieldPath = keyPath.appendingKey(field.key)
                switch field.key {
                case "driver": volume.driver = reader.string(field.value, fieldPath)
                case "external": volume.external = reader.bool(field.value, fieldPath) ?? false
                case "name": volume.externalName = reader.string(field.value, fieldPath)
                case "labels": volume.labels = reader.namedValues(field.value, fieldPath)
                case "driver_opts": decodeAccessPoint(field.value, fieldPath, into: &volume)
                default: break
                }
            }
            if volume.external, let name = volume.externalName, !name.hasPrefix("fs-") {
                diagnostics.warning(
                    entry.value["name"], keyPath.appendingKey("name"), "\"\(name)\" does not look like an EFS file system id",
                    hint: "an external volume's name should be the id of an existing EFS file system, e.g. fs-0123456789abcdef0")
            }
            return volume
        }
    }

    static let largestPosixId = 4_294_967_295

    /// What EFS refuses in an access point's root directory (`RootDirectory.Path`): at most 100
    /// characters and 4 levels from `/`, no level starting with `.` (so no `..`), none of
    /// `$#<>;`|&?{}^*`; nil when it is acceptable.
    static func rootDirectoryProblem(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return "the root directory must start with /, not \"\(path)\"" }
        guard path.count <= 100 else { return "EFS takes root directories of at most 100 characters, this has \(path.count)" }
        if path == "/" { return nil }
        let levels = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        guard levels.count <= 4 else { return "EFS takes root directories at most 4 levels deep, this has \(levels.count)" }
        if let level = levels.first(where: { $0.isEmpty || $0.hasPrefix(".") }) {
            return level.isEmpty
                ? "the root directory has an empty level (//)" : "EFS refuses a level starting with \".\" (\(level)) in a root directory"
        }
        if let character = path.first(where: { "$#<>;`|&?{}^*\n".contains($0) }) {
            return "EFS refuses \"\(character)\" in a root directory"
        }
        return nil
    }

    /// `uid`, `gid`, `permissions`, `root_directory` (or `root-directory`) become the EFS access
    /// point; other options are kept as written.
    private func decodeAccessPoint(_ node: LocatedNode, _ path: String, into volume: inout NamedVolume) {
        for option in reader.namedValues(node, path) {
            let optionNode = node[option.name]
            let optionPath = path.appendingKey(option.name)
            switch option.name.replacingDashes() {
            // EFS takes POSIX ids from 0 to 2^32 - 1.
            case "uid": volume.accessPoint.uid = optionNode.flatMap { reader.int($0, optionPath, minimum: 0, maximum: Self.largestPosixId) }
            case "gid": volume.accessPoint.gid = optionNode.flatMap { reader.int($0, optionPath, minimum: 0, maximum: Self.largestPosixId) }
            case "permissions":
                let text = option.value ?? ""
                if text.count >= 3 && text.count <= 4 && text.allSatisfy({ ("0"..."7").contains($0) }) {
                    volume.accessPoint.permissions = text
                } else {
                    diagnostics.error(optionNode, optionPath, "\"\(text)\" is not an octal permission", hint: "e.g. 0755 or 755")
                }
            case "root_directory":
                if let problem = Self.rootDirectoryProblem(option.value ?? "") {
                    diagnostics.error(optionNode, optionPath, problem, hint: "e.g. /ghost-content or /data/uploads")
                } else {
                    volume.accessPoint.rootDirectory = option.value
                }
            default: volume.driverOptions.append(option)
            }
        }
    }

    private func decodeNetworks(_ node: LocatedNode, _ path: String) -> [NetworkDefinition] {
        guard let entries = reader.mapping(node, path) else { return [] }
        return entries.map { entry in
            let keyPath = path.appendingKey(entry.key)
            var network = NetworkDefinition(name: entry.key, location: entry.keyLocation, external: false, securityGroup: nil)
            if let fields = reader.mapping(entry.value, keyPath) {
                reader.checkKeys(
                    fields, keyPath,
                    known: ["name", "driver", "driver_opts", "ipam", "external", "internal", "enable_ipv4", "enable_ipv6", "attachable", "labels"])
                for field in fields {
                    let fieldPath = keyPath.appendingKey(field.key)
                    switch field.key {
                    case "external": network.external = reader.bool(field.value, fieldPath) ?? false
                    case "x-aws-securitygroup": network.securityGroup = reader.string(field.value, fieldPath)
                    case "driver", "driver_opts", "ipam", "internal", "attachable", "enable_ipv4", "enable_ipv6":
                        diagnostics.add(
                            .note(at: field.keyLocation, path: fieldPath, "ignored: on Fargate all services share the site's VPC"))
                    default: break
                    }
                }
            }
            return network
        }
    }

    private func decodeConfigs(_ node: LocatedNode, _ path: String) -> [ConfigDefinition] {
        guard let entries = reader.mapping(node, path) else { return [] }
        return entries.compactMap { entry in
            let keyPath = path.appendingKey(entry.key)
            guard
                let source = contentSource(
                    entry, keyPath, allowed: ["file", "content", "environment", "external", "name", "labels", "template_driver"])
            else {
                return nil
            }
            return ConfigDefinition(name: entry.key, location: entry.keyLocation, source: source)
        }
    }

    private func decodeSecrets(_ node: LocatedNode, _ path: String) -> [SecretDefinition] {
        guard let entries = reader.mapping(node, path) else { return [] }
        return entries.compactMap { entry in
            let keyPath = path.appendingKey(entry.key)
            guard
                let source = contentSource(
                    entry, keyPath, allowed: ["file", "environment", "external", "name", "labels", "driver", "driver_opts", "template_driver"])
            else {
                return nil
            }
            let keys = entry.value["x-aws-keys"].flatMap { reader.stringList($0, keyPath.appendingKey("x-aws-keys")) } ?? []
            return SecretDefinition(name: entry.key, location: entry.keyLocation, source: source, awsKeys: keys)
        }
    }

    /// Exactly one of `file`, `content`, `environment` or `external: true`.
    private func contentSource(_ entry: LocatedNode.Entry, _ path: String, allowed: Set<String>) -> ContentSource? {
        guard let fields = reader.mapping(entry.value, path) else { return nil }
        reader.checkKeys(fields, path, known: allowed)
        var sources: [ContentSource] = []
        if let file = entry.value["file"], let value = reader.string(file, path.appendingKey("file")) {
            let relative = context.projectRelative(value)
            if context.fileSystem.kind(atPath: context.hostPath(value)) != .file {
                diagnostics.warning(
                    file, path.appendingKey("file"), "\(value) \(context.fileSystem.whyUnreadable(atPath: context.hostPath(value)))",
                    hint: "create it before deploying; its contents are uploaded")
            } else {
                context.checkConfigFileSize(context.hostPath(value), file, path.appendingKey("file"))
            }
            sources.append(ContentSource(kind: .file, value: relative))
        }
        if let content = entry.value["content"], let value = reader.string(content, path.appendingKey("content")) {
            sources.append(ContentSource(kind: .content, value: value))
        }
        if let variable = entry.value["environment"], let value = reader.string(variable, path.appendingKey("environment")) {
            if context.variables[value] == nil {
                diagnostics.warning(variable, path.appendingKey("environment"), "variable \(value) is not set")
            }
            sources.append(ContentSource(kind: .environment, value: value))
        }
        if let external = entry.value["external"], reader.bool(external, path.appendingKey("external")) == true {
            let name = entry.value["name"]?.scalar?.text ?? entry.key
            sources.append(ContentSource(kind: .external, value: name))
        }
        guard sources.count == 1 else {
            diagnostics.add(
                .error(
                    at: entry.keyLocation, path: path,
                    sources.isEmpty ? "says nothing about where its contents come from" : "has more than one source",
                    hint: "give exactly one of file, environment or external: true"))
            return nil
        }
        return sources[0]
    }
}

extension String {
    func replacingDashes() -> String {
        String(map { $0 == "-" ? "_" : $0 })
    }
}
