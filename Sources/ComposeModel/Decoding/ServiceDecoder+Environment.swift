/// A service's variables as `docker compose up` gives them to its container: each `env_file` in
/// order (a later file wins), then `environment`, which wins over every file. A value written
/// empty is empty; only a key written with no value at all (`- FOO`, `FOO:`, a bare `FOO` line in
/// an env file) takes the value Berth's own environment or `.env` has, as compose does, and
/// validate says so per key, because on Fargate that value is frozen into the task definition.
extension ServiceDecoder {
    /// The deployer's own AWS credentials: never shipped to a container by an unvalued key. A task
    /// gets AWS access from its task role.
    static let deployerCredentials: Set<String> = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]

    func containerEnvironment(
        envFiles: [(reference: EnvFileReference, path: String)],
        environment: (node: LocatedNode, path: String)?
    ) -> [NamedValue] {
        var values: [NamedValue] = []
        func set(_ name: String, _ value: String?) {
            if let index = values.firstIndex(where: { $0.name == name }) {
                values[index].value = value
            } else {
                values.append(NamedValue(name: name, value: value))
            }
        }
        for file in envFiles {
            for line in envFileLines(file.reference, path: file.path) {
                if line.value == nil {
                    // A bare name the deployer has not set is not set in the container either.
                    guard inherited(line.key, location: line.location, path: file.path), let value = context.variables[line.key] else {
                        continue
                    }
                    set(line.key, value)
                } else {
                    set(line.key, line.value)
                }
            }
        }
        if let environment, let entries = reader.mapping(environment.node, environment.path) {
            for entry in entries {
                let keyPath = environment.path.appendingKey(entry.key)
                if entry.value.isNull {
                    guard inherited(entry.key, location: entry.keyLocation ?? entry.value.location, path: keyPath) else { continue }
                    set(entry.key, context.variables[entry.key])
                } else if let scalar = entry.value.scalar {
                    set(entry.key, scalar.text)
                } else {
                    diagnostics.error(entry.value, keyPath, "expected a string, number or boolean, found \(entry.value.kindName)")
                }
            }
        }
        return values
    }

    /// A key without a value takes the deployer's value: say so (never the value itself), and
    /// refuse the deployer's AWS credentials.
    private func inherited(_ name: String, location: SourceLocation?, path: String) -> Bool {
        if Self.deployerCredentials.contains(name) {
            diagnostics.add(
                .error(
                    at: location, path: path, "\(name) has no value here, so it would ship the deployer's own AWS credential in the task definition",
                    hint: "give the service AWS access through x-aws-policies or x-aws-role, or write the value it should have"))
            return false
        }
        let outcome =
            context.variables[name] == nil
            ? "it is not set there, so the container will not have \(name)"
            : "its value is written into the task definition at deploy time"
        diagnostics.add(
            .warning(
                at: location, path: path, "\(name) has no value here, so it takes the value from Berth's environment or .env: \(outcome)",
                hint: "write the value (or ${\(name)}) to make this explicit"))
        return true
    }

    private struct EnvFileLine {
        var key: String
        var value: String?
        var location: SourceLocation
    }

    /// One env file's lines; compose interpolates `${VAR}` in values from earlier lines of the
    /// file and then the project's variables, except in `format: raw`.
    private func envFileLines(_ reference: EnvFileReference, path: String) -> [EnvFileLine] {
        guard let text = context.fileSystem.readText(atPath: context.hostPath(reference.path)) else { return [] }
        let at = { (line: Int) in SourceLocation(file: reference.path, line: line, column: 1) }
        if reference.raw {
            return DotEnv.parseRaw(text).map { EnvFileLine(key: $0.key, value: $0.value, location: at($0.line)) }
        }
        let parsed = DotEnv.parse(text) { context.variables[$0] }
        for problem in parsed.problems {
            diagnostics.add(.error(at: at(problem.line), path: path, problem.message))
        }
        // A bare name stays unvalued here, so it is reported (and resolved) as inherited.
        return parsed.entries.map { EnvFileLine(key: $0.key, value: $0.isBare ? nil : $0.value, location: at($0.line)) }
    }

    func decodeEnvFiles(_ node: LocatedNode, _ path: String) -> [(reference: EnvFileReference, path: String)] {
        guard let items = reader.list(node, path) else { return [] }
        var files: [(reference: EnvFileReference, path: String)] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            var reference: EnvFileReference?
            if item.entries != nil {
                guard let pathNode = item["path"], let file = reader.string(pathNode, itemPath.appendingKey("path")) else {
                    diagnostics.error(item, itemPath, "an env_file entry needs a `path`")
                    continue
                }
                let required = item["required"].flatMap { reader.bool($0, itemPath.appendingKey("required")) } ?? true
                var raw = false
                if let formatNode = item["format"], let format = reader.string(formatNode, itemPath.appendingKey("format")) {
                    if format == "raw" {
                        raw = true
                    } else {
                        diagnostics.error(
                            formatNode, itemPath.appendingKey("format"), "env_file format \"\(format)\" is not one compose knows",
                            hint: "use `raw`, or leave format out")
                    }
                }
                reference = EnvFileReference(path: context.projectRelative(file), required: required, raw: raw)
            } else if let file = reader.string(item, itemPath) {
                reference = EnvFileReference(path: context.projectRelative(file), required: true)
            }
            guard let reference else { continue }
            // A missing optional file adds nothing, as in compose.
            if reference.required && context.fileSystem.kind(atPath: context.hostPath(reference.path)) != .file {
                diagnostics.error(
                    item, itemPath, "env file \(reference.path) \(context.fileSystem.whyUnreadable(atPath: context.hostPath(reference.path)))",
                    hint: "create it, or write `required: false` to make it optional")
            }
            files.append((reference, itemPath))
        }
        return files
    }
}
