/// `volumes`, `tmpfs`, and `configs`/`secrets` references. A host path that is a single file is
/// kept as a config file to ship with the deploy; a host directory cannot exist on Fargate, so it
/// is left out (the image has it), kept on EFS as a named volume (opted in), or an error.
extension ServiceDecoder {
    static let volumeKeys: Set<String> = ["type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs", "image"]
    static let dockerSocketPaths: Set<String> = ["/var/run/docker.sock", "/run/docker.sock"]

    private struct MountSpec {
        var type: String
        var source: String?
        var target: String
        var readOnly: Bool
        var subpath: String?
        /// A long-syntax mount's own `x-berth: {volume: NAME | true}`: keep this host directory
        /// as a named volume (derived name for `true`); `false` keeps the site-wide choice off.
        var asVolume: VolumeOptIn?
    }

    private enum VolumeOptIn {
        case derived
        case named(String)
        case refused
    }

    /// What a bind mount becomes on Fargate.
    private enum BindMount {
        case configFile(ServiceConfigFile)
        case volume(VolumeMount)
    }

    func decodeVolumes(_ node: LocatedNode, _ path: String, into service: inout Service) {
        guard let items = reader.list(node, path) else { return }
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let spec = mountSpec(item, itemPath) else { continue }
            guard spec.target.hasPrefix("/") else {
                diagnostics.error(item, itemPath, "the container path \"\(spec.target)\" is not absolute", hint: "container paths start with /")
                continue
            }
            switch spec.type {
            case "volume":
                guard let source = spec.source, !source.isEmpty else {
                    service.mounts.append(VolumeMount(kind: .ephemeral, target: spec.target, readOnly: spec.readOnly, location: item.location))
                    continue
                }
                if !context.declaredVolumes.contains(source) {
                    diagnostics.error(
                        item, itemPath, "volume \"\(source)\" is not declared",
                        hint: "add `\(source):` under the top-level `volumes:`, or write ./\(source) for a path")
                }
                service.mounts.append(
                    VolumeMount(
                        kind: .volume, source: source, target: spec.target, readOnly: spec.readOnly, subpath: spec.subpath, location: item.location))
            case "bind":
                switch bindMount(spec, item, itemPath, build: service.build) {
                case .configFile(let file)?: service.configFiles.append(file)
                case .volume(let mount)?: service.mounts.append(mount)
                case nil: break
                }
            case "tmpfs":
                service.mounts.append(VolumeMount(kind: .tmpfs, target: spec.target, location: item.location))
                tmpfsWarning(item, itemPath)
            default:
                diagnostics.error(
                    item, itemPath, "volume type \"\(spec.type)\" is not supported on Fargate",
                    hint: "use a named volume (stored on EFS)")
            }
        }
    }

    private func mountSpec(_ item: LocatedNode, _ path: String) -> MountSpec? {
        if let entries = item.entries {
            reader.checkKeys(entries, path, known: Self.volumeKeys)
            guard let type = item["type"].flatMap({ reader.string($0, path.appendingKey("type")) }) else {
                diagnostics.error(item, path, "a volume in long syntax needs a `type`", hint: "volume, bind or tmpfs")
                return nil
            }
            guard let target = item["target"].flatMap({ reader.string($0, path.appendingKey("target")) }) else {
                diagnostics.error(item, path, "a volume in long syntax needs a `target`")
                return nil
            }
            let source = item["source"].flatMap { $0.isNull ? nil : reader.string($0, path.appendingKey("source")) }
            let readOnly = item["read_only"].flatMap { reader.bool($0, path.appendingKey("read_only")) } ?? false
            let subpath = item["volume"]?["subpath"]?.scalar?.text
            let asVolume = item["x-berth"].flatMap { volumeOptIn($0, path.appendingKey("x-berth")) }
            return MountSpec(type: type, source: source, target: target, readOnly: readOnly, subpath: subpath, asVolume: asVolume)
        }
        guard let text = reader.string(item, path) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1:
            return MountSpec(type: "volume", source: nil, target: parts[0], readOnly: false)
        case 2, 3:
            let options = parts.count == 3 ? parts[2].split(separator: ",").map(String.init) : []
            let known: Set<String> = [
                "ro", "rw", "z", "Z", "nocopy", "cached", "delegated", "consistent", "shared", "slave", "private", "rshared", "rslave", "rprivate",
            ]
            if let unknown = options.first(where: { !known.contains($0) }) {
                diagnostics.error(item, path, "\"\(unknown)\" is not a volume option", hint: "use ro or rw")
                return nil
            }
            let source = parts[0]
            let isPath = source.hasPrefix("/") || source.hasPrefix(".") || source.hasPrefix("~")
            if !isPath && !VolumeName.isValid(source) {
                diagnostics.error(item, path, "\"\(source)\" is neither a volume name nor a path", hint: "paths start with ./, ../, / or ~")
                return nil
            }
            return MountSpec(type: isPath ? "bind" : "volume", source: source, target: parts[1], readOnly: options.contains("ro"))
        default:
            diagnostics.error(item, path, "\"\(text)\" is not a volume mapping", hint: "use SOURCE:TARGET[:ro], e.g. data:/var/lib/data")
            return nil
        }
    }

    /// `x-berth: {volume: NAME}`, `{volume: true}` or `{volume: false}` on one long-syntax mount.
    private func volumeOptIn(_ node: LocatedNode, _ path: String) -> VolumeOptIn? {
        guard let entries = reader.mapping(node, path) else { return nil }
        reader.checkKeys(entries, path, known: ["volume"])
        guard let value = node["volume"] else { return nil }
        let valuePath = path.appendingKey("volume")
        if let flag = value.scalar?.text, ["true", "false"].contains(flag) {
            return flag == "true" ? .derived : .refused
        }
        guard let name = reader.string(value, valuePath) else { return nil }
        guard VolumeName.isValid(name) else {
            diagnostics.error(value, valuePath, "\"\(name)\" is not a volume name", hint: "letters, digits, '.', '_' and '-', e.g. cms-content")
            return nil
        }
        return .named(name)
    }

    /// A bind mount of a single file becomes a config file. Files are told from directories on
    /// disk; a missing path that ends in an extension is taken for a file not yet created. A
    /// directory is local development (the image has it), a named volume (opted in), or an error.
    private func bindMount(_ spec: MountSpec, _ item: LocatedNode, _ path: String, build: BuildSettings?) -> BindMount? {
        guard let source = spec.source else {
            diagnostics.error(item, path, "a bind mount needs a `source`")
            return nil
        }
        let absolute = context.hostPath(source)
        if Self.dockerSocketPaths.contains(absolute) {
            diagnostics.error(
                item, path, "mounts the Docker socket, but Fargate tasks have no Docker daemon",
                hint: "run this tool somewhere else; it cannot manage containers on Fargate")
            return nil
        }
        var isFile: Bool
        switch context.fileSystem.kind(atPath: absolute) {
        case .file?:
            isFile = true
            context.checkConfigFileSize(absolute, item, path)
        case .directory?:
            isFile = false
        case nil:
            // A trailing slash says "directory" whatever the name looks like (`/etc/dnsmasq.d/`).
            isFile = !source.hasSuffix("/") && FilePath.fileExtension(of: absolute) != nil
            if isFile {
                diagnostics.warning(
                    item, path, "\(source) does not exist; taking it for a file because of its extension",
                    hint: "create it before deploying, since its contents are shipped as a config file")
            }
        }
        guard isFile else {
            let built = sourceMount(absolute, target: spec.target, build: build)
            if case .copied(let by)? = built {
                diagnostics.note(
                    item, path, "used for local development; the image already contains \(source) (\(by)), so Berth deploys without this mount")
                return nil
            }
            let directory = context.projectRelative(source)
            let derived = NamedVolume.derivedName(hostDirectory: directory)
            switch spec.asVolume ?? (context.bindMountsAsVolumes ? .derived : .refused) {
            case .named(let name):
                return .volume(dataVolume(name, spec, directory: directory, item, path))
            case .derived:
                guard !context.declaredVolumes.contains(derived) else {
                    diagnostics.error(
                        item, path, "\(source) would become volume \(derived), but a declared volume has that name",
                        hint: "name its volume on the mount in long syntax: x-berth: {volume: NAME}")
                    return nil
                }
                return .volume(dataVolume(derived, spec, directory: directory, item, path))
            case .refused:
                let optIn = "set `x-berth: {bind_mounts: volumes}` to keep it on EFS as volume \(derived) (then `berth volume upload`)"
                switch built {
                case .notCopied(let relative, let elsewhere)?:
                    diagnostics.error(
                        item, path,
                        "bind-mounts \(source), inside the build context, but the Dockerfile "
                            + (elsewhere.map { "copies \(relative) to \($0), not to \(spec.target)" } ?? "does not copy \(relative) into the image"),
                        hint: "COPY it to \(spec.target) in the Dockerfile (the mount then serves local development only), or \(optIn)")
                default:
                    diagnostics.error(
                        item, path, "bind-mounts the host directory \(source), which Fargate tasks cannot see",
                        hint: "\(optIn.prefix(1).uppercased())\(optIn.dropFirst()), or COPY the files into the image")
                }
                return nil
            }
        }
        return .configFile(
            ServiceConfigFile(
                origin: .bindMount, configName: nil, source: ContentSource(kind: .file, value: context.projectRelative(source)),
                target: spec.target, mode: nil, uid: nil, gid: nil, location: item.location))
    }

    /// A host directory kept as named volume `name`, with a note of the line that fills it.
    private func dataVolume(_ name: String, _ spec: MountSpec, directory: String, _ item: LocatedNode, _ path: String) -> VolumeMount {
        diagnostics.note(
            item, path,
            "the host directory \(spec.source ?? directory) becomes named volume \(name) on EFS; after a deploy, `\(NamedVolume.uploadCommand(volume: name, directory: directory))` copies its files in"
        )
        return VolumeMount(
            kind: .volume, source: name, target: spec.target, readOnly: spec.readOnly, hostDirectory: directory, location: item.location)
    }

    /// A folder mounted over the service's own build: `./backend:/usr/src/app` on `build:
    /// ./backend` exists for live reloading on a laptop, and the image has the folder when its
    /// Dockerfile copies it to the same place (`WORKDIR /usr/src/app` + `COPY . .`).
    enum SourceMount: Equatable {
        /// The Dockerfile copies it there; `by` says how (`COPY . /usr/src/app`).
        case copied(by: String)
        /// Inside the build context, but no COPY or ADD puts it at the mount's target: the path
        /// relative to the context, and where the Dockerfile does put it, if anywhere.
        case notCopied(String, elsewhere: String?)
    }

    /// nil when the folder is not inside the build context (or the service builds nothing).
    func sourceMount(_ absolute: String, target: String, build: BuildSettings?) -> SourceMount? {
        guard let build, !build.context.contains("://"), !build.context.hasPrefix("git@") else { return nil }
        let contextDirectory = context.hostPath(build.context)
        guard let relative = FilePath.relative(absolute, inside: contextDirectory) else { return nil }
        let name = build.dockerfile ?? "Dockerfile"
        let dockerfile = name.hasPrefix("/") ? name : contextDirectory + "/" + name
        guard let text = context.fileSystem.readText(atPath: dockerfile) else { return .notCopied(relative, elsewhere: nil) }
        let arguments = Dictionary(build.args.compactMap { arg in arg.value.map { (arg.name, $0) } }, uniquingKeysWith: { _, last in last })
        var elsewhere: String?
        for copy in Dockerfile(text: text, buildArgs: arguments).image(target: build.target)?.copied ?? [] {
            var source = copy.source
            while source.hasPrefix("./") { source.removeFirst(2) }
            while source.hasSuffix("/"), source.count > 1 { source.removeLast() }
            let landing: String
            if source.isEmpty || source == "." {
                landing = relative == "." ? copy.destination : copy.destination + "/" + relative
            } else if relative == source {
                landing = copy.destination
            } else if relative.hasPrefix(source + "/") {
                landing = copy.destination + "/" + relative.dropFirst(source.count + 1)
            } else {
                continue
            }
            if FilePath.normalize(landing) == FilePath.normalize(target) {
                return .copied(by: "COPY \(copy.source) \(copy.destination)")
            }
            elsewhere = elsewhere ?? FilePath.normalize(landing)
        }
        return .notCopied(relative, elsewhere: elsewhere)
    }

    func decodeTmpfs(_ node: LocatedNode, _ path: String, into service: inout Service) {
        guard let targets = reader.strings(node, path) else { return }
        for target in targets {
            let mountPoint = String(target.split(separator: ":").first ?? "")
            service.mounts.append(VolumeMount(kind: .tmpfs, target: mountPoint, location: node.location))
        }
        if !targets.isEmpty { tmpfsWarning(node, path) }
    }

    private func tmpfsWarning(_ node: LocatedNode, _ path: String) {
        diagnostics.warning(
            node, path, "Fargate has no tmpfs; the directory is created on the task's ephemeral disk instead",
            hint: "nothing to do unless the data must stay in memory")
    }

    func decodeConfigReferences(_ node: LocatedNode, _ path: String) -> [ServiceConfigFile] {
        guard let items = reader.list(node, path) else { return [] }
        var files: [ServiceConfigFile] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let reference = decodeReference(item, itemPath, declared: context.declaredConfigs, kind: "config", defaultDirectory: "/") else {
                continue
            }
            files.append(
                ServiceConfigFile(
                    origin: .config, configName: reference.source, source: ContentSource(kind: .external, value: reference.source),
                    target: reference.target, mode: reference.mode, uid: reference.uid, gid: reference.gid, location: item.location))
        }
        return files
    }

    func decodeSecretReferences(_ node: LocatedNode, _ path: String) -> [ServiceSecret] {
        guard let items = reader.list(node, path) else { return [] }
        return items.enumerated().compactMap { index, item in
            decodeReference(item, "\(path)[\(index)]", declared: context.declaredSecrets, kind: "secret", defaultDirectory: "/run/secrets/")
        }
    }

    private func decodeReference(
        _ item: LocatedNode, _ path: String, declared: Set<String>, kind: String, defaultDirectory: String
    ) -> ServiceSecret? {
        var reference: ServiceSecret
        if item.entries != nil {
            guard let source = item["source"].flatMap({ reader.string($0, path.appendingKey("source")) }) else {
                diagnostics.error(item, path, "a \(kind) reference needs a `source`")
                return nil
            }
            var target = item["target"].flatMap { reader.string($0, path.appendingKey("target")) } ?? defaultDirectory + source
            if !target.hasPrefix("/") { target = defaultDirectory + target }
            reference = ServiceSecret(
                source: source, target: target, mode: item["mode"]?.scalar?.text, uid: item["uid"]?.scalar?.text,
                gid: item["gid"]?.scalar?.text, location: item.location)
        } else {
            guard let source = reader.string(item, path) else { return nil }
            reference = ServiceSecret(source: source, target: defaultDirectory + source, location: item.location)
        }
        if !declared.contains(reference.source) {
            diagnostics.error(
                item, path, "\(kind) \"\(reference.source)\" is not declared",
                hint: "add it under the top-level `\(kind)s:`")
        }
        return reference
    }
}

/// Named volume names as the compose schema allows them.
enum VolumeName {
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) || ("0"..."9").contains(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
    }
}
