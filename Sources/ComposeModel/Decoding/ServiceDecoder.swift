/// Turns one service's merged node into a `Service`, reporting every problem on the way.
struct ServiceDecoder {
    let context: DecodingContext
    var reader: NodeReader { context.reader }
    var diagnostics: DiagnosticBag { context.diagnostics }

    /// Keys read into the model; the Fargate table in `FargateCompatibility` covers the rest of the
    /// compose schema.
    static let modeledKeys: Set<String> = [
        "image", "build", "command", "entrypoint", "environment", "env_file", "ports", "expose", "volumes", "tmpfs",
        "configs", "secrets", "depends_on", "healthcheck", "deploy", "user", "working_dir", "read_only", "init",
        "stop_grace_period", "stop_signal", "ulimits", "labels", "logging", "profiles", "cap_add", "cap_drop",
        "platform", "cpus", "mem_limit", "mem_reservation", "scale", "networks", "extends",
    ]

    /// The CPU architectures Fargate offers (`runtimePlatform` X86_64 and ARM64).
    static let fargatePlatforms: Set<String> = ["linux/amd64", "linux/x86_64", "linux/arm64", "linux/arm64/v8", "linux/aarch64"]

    func decode(name: String, node: LocatedNode, keyLocation: SourceLocation?) -> Service {
        let path = "services".appendingKey(name)
        var service = Service(name: name, location: keyLocation ?? node.location)
        if !ServiceName.isValid(name) {
            diagnostics.add(
                .error(
                    at: service.location, path: path, "\"\(name)\" is not a valid service name",
                    hint: "use letters, digits, '.', '_' and '-', starting with a letter or digit"))
        }
        guard let entries = reader.mapping(node, path) else { return service }
        FargateCompatibility(reader: reader).check(entries, path: path)
        reader.checkKeys(
            entries, path,
            known: Self.modeledKeys.union(FargateCompatibility.knownKeys).union(["x-aws-role", "x-aws-policies", "x-aws-pull_credentials", "x-berth"])
        )

        var environment: (node: LocatedNode, path: String)?
        var envFiles: [(reference: EnvFileReference, path: String)] = []
        // The build first: a folder mounted over it is judged by what its Dockerfile copies.
        if let build = entries.first(where: { $0.key == "build" }) { service.build = decodeBuild(build.value, path.appendingKey("build")) }
        for entry in entries {
            let key = entry.key
            let value = entry.value
            let keyPath = path.appendingKey(key)
            switch key {
            case "image":
                service.image = reader.string(value, keyPath)
                if let image = service.image, ImageReference(parsing: image) == nil {
                    diagnostics.error(
                        value, keyPath, "\"\(image)\" is not an image reference docker accepts (invalid reference format)",
                        hint: "check the variables in it; a name is lower case, a tag starts with a letter, digit or _")
                }
            case "build": break
            case "command": service.command = decodeCommand(value, keyPath)
            case "entrypoint": service.entrypoint = decodeCommand(value, keyPath)
            case "environment": environment = (value, keyPath)
            case "env_file": envFiles = decodeEnvFiles(value, keyPath)
            case "ports": service.ports = decodePorts(value, keyPath)
            case "expose": service.expose = decodeExpose(value, keyPath)
            case "volumes": decodeVolumes(value, keyPath, into: &service)
            case "tmpfs": decodeTmpfs(value, keyPath, into: &service)
            case "configs": service.configFiles += decodeConfigReferences(value, keyPath)
            case "secrets": service.secrets = decodeSecretReferences(value, keyPath)
            case "depends_on": service.dependencies = decodeDependencies(value, keyPath)
            case "healthcheck": service.healthCheck = decodeHealthCheck(value, keyPath)
            case "user": service.user = reader.string(value, keyPath)
            case "working_dir": service.workingDirectory = reader.string(value, keyPath)
            case "read_only": service.readOnlyRootFilesystem = reader.bool(value, keyPath) ?? false
            case "init": service.initProcess = reader.bool(value, keyPath) ?? false
            case "stop_grace_period": service.stopGracePeriod = reader.seconds(value, keyPath)
            case "stop_signal":
                service.stopSignal = reader.string(value, keyPath)
                if let signal = service.stopSignal, signal != "SIGTERM" {
                    diagnostics.warning(
                        value, keyPath, "ECS task definitions cannot set a stop signal; tasks get SIGTERM unless the image says otherwise",
                        hint: "add `STOPSIGNAL \(signal)` to the Dockerfile")
                }
            case "ulimits": service.ulimits = decodeUlimits(value, keyPath)
            case "labels": service.labels = reader.namedValues(value, keyPath)
            case "logging": service.logging = decodeLogging(value, keyPath)
            case "profiles": service.profiles = reader.stringList(value, keyPath) ?? []
            case "cap_add": service.capAdd = reader.stringList(value, keyPath) ?? []
            case "cap_drop": service.capDrop = reader.stringList(value, keyPath) ?? []
            case "platform":
                // Empty (`platform: ${DOCKER_PLATFORM:-}`) is unset, as docker compose takes it.
                service.platform = reader.string(value, keyPath).flatMap { $0.isEmpty ? nil : $0 }
                if let platform = service.platform, !Self.fargatePlatforms.contains(platform.lowercased()) {
                    diagnostics.error(
                        value, keyPath, "Fargate runs linux/amd64 and linux/arm64 containers, not \(platform)",
                        hint: "build the image for linux/amd64 or linux/arm64")
                }
            case "scale": service.replicas = reader.int(value, keyPath, minimum: 0) ?? service.replicas
            case "networks": decodeNetworkReferences(value, keyPath)
            case "x-aws-role": service.aws.role = value.jsonValue
            case "x-aws-policies": service.aws.policies = reader.stringList(value, keyPath) ?? []
            case "x-aws-pull_credentials": service.aws.pullCredentials = reader.string(value, keyPath)
            case "x-berth": service.berth = BerthDecoder(reader: reader).serviceSettings(value, keyPath)
            default: break
            }
        }
        keepingPrivatePortsInside(&service)
        service.envFiles = envFiles.map(\.reference)
        service.environment = containerEnvironment(envFiles: envFiles, environment: environment)
        if service.image == nil && service.build == nil {
            diagnostics.add(
                .error(
                    at: service.location, path: path, "the service has neither image nor build",
                    hint: "add `image: <name>` to run an existing image, or `build: <directory>` to build one"))
        }
        decodeDeployAndSize(entries, path, into: &service)
        return service
    }

    func decodeBuild(_ node: LocatedNode, _ path: String) -> BuildSettings? {
        guard let entries = reader.mapping(node, path) else { return nil }
        reader.checkKeys(entries, path, known: BuildSettings.composeKeys)
        var build = BuildSettings(context: ".")
        for entry in entries {
            let keyPath = path.appendingKey(entry.key)
            switch entry.key {
            case "context": build.context = reader.string(entry.value, keyPath) ?? "."
            case "dockerfile": build.dockerfile = reader.string(entry.value, keyPath)
            case "args": build.args = reader.namedValues(entry.value, keyPath)
            case "target": build.target = reader.string(entry.value, keyPath)
            case "platforms": build.platforms = reader.stringList(entry.value, keyPath) ?? []
            default: break
            }
        }
        return build
    }

    /// Exec form stays as written; a shell-form string is split into words as compose-go does.
    func decodeCommand(_ node: LocatedNode, _ path: String) -> [String]? {
        if node.isNull { return nil }
        if let scalar = node.scalar {
            guard let words = ValueSyntax.shellWords(scalar.text) else {
                diagnostics.error(node, path, "the command has an unclosed quote or a trailing backslash")
                return nil
            }
            return words
        }
        return reader.stringList(node, path)
    }

    func decodeExpose(_ node: LocatedNode, _ path: String) -> [ExposedPort] {
        guard let items = reader.list(node, path) else { return [] }
        var ports: [ExposedPort] = []
        for (index, item) in items.enumerated() {
            guard let text = reader.string(item, "\(path)[\(index)]") else { continue }
            do {
                let mappings = try PortSyntax.parse(text)
                guard mappings.allSatisfy({ $0.published == nil && $0.hostIP == nil }) else {
                    diagnostics.error(
                        item, "\(path)[\(index)]", "expose takes container ports only, not \"\(text)\"", hint: "move host mappings to ports")
                    continue
                }
                ports += mappings.map { ExposedPort(port: $0.target, transport: $0.transport) }
            } catch {
                diagnostics.error(item, "\(path)[\(index)]", error.message, hint: "use e.g. 5432 or 5432/tcp")
            }
        }
        return ports
    }

    func decodeUlimits(_ node: LocatedNode, _ path: String) -> [Ulimit] {
        guard let entries = reader.mapping(node, path) else { return [] }
        return entries.compactMap { entry in
            let keyPath = path.appendingKey(entry.key)
            if entry.value.scalar != nil {
                guard let value = reader.int(entry.value, keyPath) else { return nil }
                return Ulimit(name: entry.key, soft: value, hard: value)
            }
            guard let soft = entry.value["soft"].flatMap({ reader.int($0, keyPath.appendingKey("soft")) }),
                let hard = entry.value["hard"].flatMap({ reader.int($0, keyPath.appendingKey("hard")) })
            else {
                diagnostics.error(entry.value, keyPath, "a ulimit needs a number or both `soft` and `hard`")
                return nil
            }
            return Ulimit(name: entry.key, soft: soft, hard: hard)
        }
    }

    func decodeLogging(_ node: LocatedNode, _ path: String) -> LoggingSettings? {
        guard let entries = reader.mapping(node, path) else { return nil }
        var logging = LoggingSettings(driver: nil, options: [])
        for entry in entries {
            switch entry.key {
            case "driver": logging.driver = reader.string(entry.value, path.appendingKey("driver"))
            case "options": logging.options = reader.namedValues(entry.value, path.appendingKey("options"))
            default: break
            }
        }
        if let driver = logging.driver, !["awslogs", "json-file", "local"].contains(driver) {
            diagnostics.note(
                node["driver"], path.appendingKey("driver"), "the \(driver) log driver is not used on Fargate",
                hint: "Berth sends container output to CloudWatch Logs")
        }
        return logging
    }

    /// Service networks only need to exist; on Fargate every service shares the site's VPC.
    func decodeNetworkReferences(_ node: LocatedNode, _ path: String) {
        guard let entries = reader.mapping(node, path) else { return }
        for entry in entries where entry.key != "default" && !context.declaredNetworks.contains(entry.key) {
            diagnostics.add(
                .error(
                    at: entry.keyLocation, path: path.appendingKey(entry.key), "network \"\(entry.key)\" is not declared",
                    hint: "add it under the top-level `networks:`"))
        }
    }
}

extension BuildSettings {
    static let composeKeys: Set<String> = [
        "context", "dockerfile", "dockerfile_inline", "args", "ssh", "cache_from", "cache_to", "additional_contexts",
        "entitlements", "extra_hosts", "isolation", "labels", "network", "no_cache", "platforms", "privileged", "pull",
        "secrets", "shm_size", "tags", "target", "ulimits", "provenance", "sbom",
    ]
}

/// Compose service names: `^[a-zA-Z0-9._-]+$` in the schema; Berth also needs them to start with
/// a letter or digit because they become DNS names and CloudFormation logical ids.
enum ServiceName {
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isASCIIHexDigit || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
    }
}
