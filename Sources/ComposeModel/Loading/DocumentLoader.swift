/// Reads, parses, interpolates and canonicalises compose files, once each: `extends` and
/// `include` may name the same file many times.
final class DocumentLoader {
    let fileSystem: any ComposeFileSystem
    let workingDirectory: String
    let diagnostics: DiagnosticBag
    private var parsed: [String: LocatedNode?] = [:]
    private var warnedVariables: Set<String> = []

    init(fileSystem: any ComposeFileSystem, workingDirectory: String, diagnostics: DiagnosticBag) {
        self.fileSystem = fileSystem
        self.workingDirectory = workingDirectory
        self.diagnostics = diagnostics
    }

    /// How a path is shown in diagnostics: relative to the working directory when inside it.
    func displayPath(_ absolute: String) -> String {
        FilePath.relative(absolute, inside: workingDirectory) ?? absolute
    }

    /// The file as parsed, before interpolation; nil (with a diagnostic) when it cannot be read
    /// or parsed, or is not a mapping.
    func parsedDocument(_ path: String, referencedBy node: LocatedNode? = nil, keyPath: String = "") -> LocatedNode? {
        if let cached = parsed[path] { return cached }
        var document: LocatedNode?
        if let text = fileSystem.readText(atPath: path) {
            document = LocatedNode.parse(yaml: text, file: displayPath(path), diagnostics: diagnostics)
            if let root = document, root.entries == nil {
                diagnostics.add(
                    .error(
                        at: root.location, path: "", "the top level of a compose file must be a mapping, found \(root.kindWord)",
                        hint: "a compose file starts with `services:` or `name:`; check the file given with -f"))
                document = nil
            }
        } else {
            diagnostics.error(node, keyPath, "\(displayPath(path)) \(fileSystem.whyUnreadable(atPath: path))", hint: "check the path")
        }
        parsed[path] = .some(document)
        return document
    }

    /// Interpolated with `variables` and rewritten to canonical form, ready to merge.
    func document(_ path: String, variables: [String: String], referencedBy node: LocatedNode? = nil, keyPath: String = "") -> LocatedNode? {
        guard let raw = parsedDocument(path, referencedBy: node, keyPath: keyPath) else { return nil }
        let interpolation = Interpolation { variables[$0] }
        let interpolated = raw.interpolated(interpolation, path: "", diagnostics: diagnostics, warned: &warnedVariables)
        return Canonical.document(interpolated)
    }

    /// Variables from `.env`-format files, in order, later files winning.
    func readEnvFiles(_ paths: [String], required: Bool) -> [String: String] {
        var variables: [String: String] = [:]
        for path in paths {
            guard let text = fileSystem.readText(atPath: path) else {
                if required {
                    diagnostics.add(
                        .error(
                            at: nil, path: "", "env file \(displayPath(path)) \(fileSystem.whyUnreadable(atPath: path))",
                            hint: "check the --env-file path"))
                }
                continue
            }
            let parsed = DotEnv.parse(text) { variables[$0] }
            for problem in parsed.problems {
                diagnostics.add(
                    .error(at: SourceLocation(file: displayPath(path), line: problem.line, column: 1), path: "", problem.message))
            }
            for entry in parsed.entries {
                if let value = entry.value { variables[entry.key] = value }
            }
        }
        return variables
    }
}
