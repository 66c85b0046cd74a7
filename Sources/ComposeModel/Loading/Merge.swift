/// Merging compose files (`-f a -f b`, `compose.override.yaml`) and `extends` bases by the rules of
/// `13-merge.md`: mappings merge key by key, sequences append, `command`/`entrypoint`/
/// `healthcheck.test` are replaced, `ports`/`volumes`/`secrets`/`configs` merge by their unique key,
/// and `!reset`/`!override` remove or replace a value outright.
enum Merge {
    static func merge(_ base: LocatedNode, _ override: LocatedNode, path: [String] = []) -> LocatedNode {
        if override.mergeTag == .override || override.mergeTag == .reset {
            var replaced = override
            replaced.mergeTag = nil
            return replaced
        }
        switch (base.value, override.value) {
        case (.mapping(let baseEntries), .mapping(let overrideEntries)):
            var entries = baseEntries
            for entry in overrideEntries {
                if entry.value.mergeTag == .reset {
                    entries.removeAll { $0.key == entry.key }
                    continue
                }
                if let index = entries.firstIndex(where: { $0.key == entry.key }) {
                    entries[index].value = merge(entries[index].value, entry.value, path: path + [entry.key])
                } else {
                    entries.append(entry)
                }
            }
            var merged = override
            merged.value = .mapping(entries)
            return merged
        case (.sequence(let baseItems), .sequence(let overrideItems)):
            if replacesSequence(path) { return override }
            var merged = override
            if let keyOf = uniqueKey(path) {
                merged.value = .sequence(mergeUnique(baseItems, overrideItems, keyOf: keyOf, path: path))
            } else {
                merged.value = .sequence(baseItems + overrideItems)
            }
            return merged
        default:
            return override
        }
    }

    /// Drops entries still tagged `!reset` (a reset in the first file has nothing to reset).
    static func removingResets(_ node: LocatedNode) -> LocatedNode {
        var copy = node
        switch node.value {
        case .mapping(let entries):
            copy.value = .mapping(
                entries.filter { $0.value.mergeTag != .reset }.map {
                    var entry = $0
                    entry.value = removingResets(entry.value)
                    return entry
                })
        case .sequence(let items):
            copy.value = .sequence(items.filter { $0.mergeTag != .reset }.map(removingResets))
        case .scalar:
            break
        }
        copy.mergeTag = nil
        return copy
    }

    private static func isServiceAttribute(_ path: [String], _ names: Set<String>) -> Bool {
        path.count == 3 && path[0] == "services" && names.contains(path[2])
    }

    private static func replacesSequence(_ path: [String]) -> Bool {
        if isServiceAttribute(path, ["command", "entrypoint"]) { return true }
        return path.count == 4 && path[0] == "services" && path[2] == "healthcheck" && path[3] == "test"
    }

    private static func uniqueKey(_ path: [String]) -> ((LocatedNode) -> String)? {
        guard path.count == 3, path[0] == "services" else { return nil }
        switch path[2] {
        case "volumes": return volumeKey
        case "secrets": return { referenceKey($0, defaultDirectory: "/run/secrets/") }
        case "configs": return { referenceKey($0, defaultDirectory: "/") }
        case "ports": return portKey
        default: return nil
        }
    }

    private static func mergeUnique(
        _ base: [LocatedNode], _ override: [LocatedNode], keyOf: (LocatedNode) -> String, path: [String]
    ) -> [LocatedNode] {
        var result = base
        for item in override {
            let key = keyOf(item)
            if let index = result.firstIndex(where: { keyOf($0) == key }) {
                if result[index].entries != nil && item.entries != nil {
                    result[index] = merge(result[index], item, path: path + ["[]"])
                } else {
                    result[index] = item
                }
            } else {
                result.append(item)
            }
        }
        return result
    }

    /// A mount's unique key is its target path: the second field of `src:target[:mode]`.
    static func volumeKey(_ node: LocatedNode) -> String {
        if let target = node["target"]?.scalar?.text { return target }
        guard let text = node.scalar?.text else { return "" }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 2 ? String(parts[1]) : text
    }

    static func referenceKey(_ node: LocatedNode, defaultDirectory: String) -> String {
        if let target = node["target"]?.scalar?.text { return target }
        let source = node["source"]?.scalar?.text ?? node.scalar?.text ?? ""
        return defaultDirectory + source
    }

    /// `{ip, target, published, protocol}` as `13-merge.md` lists it.
    static func portKey(_ node: LocatedNode) -> String {
        if node.entries != nil {
            let ip = node["host_ip"]?.scalar?.text ?? ""
            let target = node["target"]?.scalar?.text ?? ""
            let published = node["published"]?.scalar?.text ?? ""
            let proto = node["protocol"]?.scalar?.text ?? "tcp"
            return "\(ip)|\(published)|\(target)|\(proto)"
        }
        guard var text = node.scalar?.text else { return "" }
        var proto = "tcp"
        if let slash = text.lastIndex(of: "/") {
            proto = String(text[text.index(after: slash)...])
            text = String(text[..<slash])
        }
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let target = parts.popLast() ?? ""
        let published = parts.popLast() ?? ""
        return "\(parts.joined(separator: ":"))|\(published)|\(target)|\(proto)"
    }
}
