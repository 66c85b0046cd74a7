/// `include` (`14-include.md`): each entry is loaded as a project of its own (own directory, own
/// `.env`, the including project's variables winning), and its resources are copied in. A name
/// defined on both sides is an error, unless the two definitions are identical.
struct Include {
    let loader: DocumentLoader
    let variables: [String: String]
    /// Absolute paths of the files being loaded, to stop include cycles.
    let stack: [String]

    var diagnostics: DiagnosticBag { loader.diagnostics }

    static let resourceKeys = ["services", "volumes", "networks", "configs", "secrets"]

    /// The included projects, rebased onto `projectDirectory`.
    func load(_ node: LocatedNode, from file: String, projectDirectory: String) -> [LocatedNode] {
        guard let items = node.items else {
            diagnostics.error(node, "include", "expected a list of files to include, found \(node.kindName)")
            return []
        }
        let directory = FilePath.directory(of: file)
        var documents: [LocatedNode] = []
        for (index, item) in items.enumerated() {
            let path = "include[\(index)]"
            var files: [String] = []
            var subProjectDirectory: String?
            var envFiles: [String]?
            if let text = item.scalar?.text, !item.isNull {
                files = [text]
            } else if item.entries != nil {
                if let pathNode = item["path"] { files = Self.strings(pathNode) }
                if let projectDirectory = item["project_directory"]?.scalar?.text {
                    subProjectDirectory = FilePath.resolve(projectDirectory, against: directory)
                }
                if let envNode = item["env_file"] {
                    envFiles = Self.strings(envNode).map { FilePath.resolve($0, against: directory) }
                }
            }
            guard !files.isEmpty else {
                diagnostics.error(item, path, "an include entry needs the path of a compose file")
                continue
            }
            let absolute = files.map { FilePath.resolve($0, against: directory) }
            if let repeated = absolute.first(where: { stack.contains($0) }) {
                diagnostics.error(item, path, "including \(loader.displayPath(repeated)) again forms a cycle", hint: "remove this include")
                continue
            }
            let missing = absolute.filter { loader.fileSystem.kind(atPath: $0) != .file }
            if !missing.isEmpty {
                diagnostics.error(item, path, "cannot include \(missing.map(loader.displayPath).joined(separator: ", ")): no such file")
                continue
            }
            let subDirectory = subProjectDirectory ?? FilePath.directory(of: absolute[0])
            var subVariables = loader.readEnvFiles(envFiles ?? [subDirectory + "/.env"], required: envFiles != nil)
            subVariables.merge(variables) { _, parent in parent }
            let project = ProjectDocument(loader: loader, variables: subVariables, stack: stack + absolute)
            guard let document = project.load(files: absolute, projectDirectory: subDirectory) else { continue }
            // Only the included resources are copied in: a misspelt top-level key (`servces:`)
            // would otherwise vanish without a word.
            NodeReader(diagnostics: diagnostics).checkKeys(document.entries ?? [], "", known: SiteDecoder.topLevelKeys)
            documents.append(PathRebase(from: subDirectory, to: projectDirectory).document(document))
        }
        return documents
    }

    private static func strings(_ node: LocatedNode) -> [String] {
        if let items = node.items { return items.compactMap { $0.scalar?.text } }
        if let scalar = node.scalar { return [scalar.text] }
        return []
    }

    /// Copies an included project's resources into `document`, reporting names defined twice.
    func add(_ included: LocatedNode, to document: inout LocatedNode, at includeNode: LocatedNode?) {
        for key in Self.resourceKeys {
            guard let incoming = included[key]?.entries, !incoming.isEmpty else { continue }
            var existing = document[key] ?? LocatedNode(.mapping([]), location: included[key]?.location)
            var entries = existing.entries ?? []
            for entry in incoming {
                if let present = entries.first(where: { $0.key == entry.key }) {
                    if present.value.yamlText() != entry.value.yamlText() {
                        diagnostics.add(
                            .error(
                                at: entry.keyLocation, path: "\(key).\(entry.key)",
                                "the included file defines \(key.dropLast()) \"\(entry.key)\", which is already defined at \(present.keyLocation?.description ?? "another file")",
                                hint: "rename one of them; included resources are not merged"))
                    }
                    continue
                }
                entries.append(entry)
            }
            existing.value = .mapping(entries)
            document[key] = existing
        }
    }
}
