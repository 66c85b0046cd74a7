/// Rewrites relative paths in a service or a whole document when it moves to another base
/// directory (`extends` from a file elsewhere, `include` of another project), so `./app` still
/// names the same directory on disk.
struct PathRebase {
    let from: String
    let to: String

    var isIdentity: Bool { FilePath.normalize(from) == FilePath.normalize(to) }

    func path(_ path: String) -> String {
        guard !FilePath.isAbsolute(path), !path.hasPrefix("~"), !path.contains("://"), !path.hasPrefix("git@") else { return path }
        let rebased = FilePath.relative(FilePath.resolve(path, against: from), from: to)
        return rebased.hasPrefix(".") ? rebased : "./" + rebased
    }

    func document(_ node: LocatedNode) -> LocatedNode {
        guard !isIdentity, var entries = node.entries else { return node }
        for index in entries.indices {
            switch entries[index].key {
            case "services":
                entries[index].value = mapValues(entries[index].value) { service($0) }
            case "configs", "secrets":
                entries[index].value = mapValues(entries[index].value) { definition in
                    var copy = definition
                    if let file = definition["file"]?.scalar?.text { copy["file"] = .string(path(file), location: definition["file"]?.location) }
                    return copy
                }
            default: break
            }
        }
        var copy = node
        copy.value = .mapping(entries)
        return copy
    }

    func service(_ node: LocatedNode) -> LocatedNode {
        guard !isIdentity, node.entries != nil else { return node }
        var copy = node
        if let build = node["build"], let context = build["context"]?.scalar?.text {
            var newBuild = build
            newBuild["context"] = .string(path(context), location: build["context"]?.location)
            copy["build"] = newBuild
        }
        if let envFiles = node["env_file"]?.items {
            copy["env_file"] = LocatedNode(
                .sequence(
                    envFiles.map { item in
                        if let text = item.scalar?.text { return .string(path(text), location: item.location) }
                        var entry = item
                        if let text = item["path"]?.scalar?.text { entry["path"] = .string(path(text), location: item["path"]?.location) }
                        return entry
                    }), location: node["env_file"]?.location)
        }
        if let volumes = node["volumes"]?.items {
            copy["volumes"] = LocatedNode(.sequence(volumes.map(volume)), location: node["volumes"]?.location)
        }
        return copy
    }

    private func volume(_ item: LocatedNode) -> LocatedNode {
        if let text = item.scalar?.text, text.hasPrefix(".") {
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let rest = parts.count > 1 ? ":" + parts[1] : ""
            return .string(path(String(parts[0])) + rest, location: item.location)
        }
        if item["type"]?.scalar?.text == "bind", let source = item["source"]?.scalar?.text {
            var copy = item
            copy["source"] = .string(path(source), location: item["source"]?.location)
            return copy
        }
        return item
    }

    private func mapValues(_ node: LocatedNode, _ transform: (LocatedNode) -> LocatedNode) -> LocatedNode {
        guard let entries = node.entries else { return node }
        var copy = node
        copy.value = .mapping(
            entries.map {
                var entry = $0
                entry.value = transform(entry.value)
                return entry
            })
        return copy
    }
}
