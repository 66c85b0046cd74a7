/// Rewrites the short forms compose allows into one canonical form, per file and before merging,
/// so that a list in one file and a mapping in the next merge key by key (compose-go does the same
/// in its `transform` step). The output is also what `berth config` prints.
enum Canonical {
    /// Keys whose value may be a list of `KEY=VALUE` strings or a mapping (`list_or_dict` in the
    /// schema).
    static let listOrDictKeys: Set<String> = ["environment", "labels", "annotations", "sysctls"]
    static let stringOrListKeys: Set<String> = ["env_file", "dns", "dns_search", "tmpfs", "dns_opt"]

    static func document(_ root: LocatedNode) -> LocatedNode {
        guard var entries = root.entries else { return root }
        for index in entries.indices where entries[index].key == "services" {
            guard var services = entries[index].value.entries else { continue }
            for serviceIndex in services.indices {
                services[serviceIndex].value = service(services[serviceIndex].value)
            }
            entries[index].value.value = .mapping(services)
        }
        var copy = root
        copy.value = .mapping(entries)
        return copy
    }

    static func service(_ node: LocatedNode) -> LocatedNode {
        guard var entries = node.entries else { return node }
        for index in entries.indices {
            let key = entries[index].key
            let value = entries[index].value
            if listOrDictKeys.contains(key) {
                entries[index].value = listToMapping(value, separator: "=")
            } else if stringOrListKeys.contains(key), value.scalar != nil, !value.isNull {
                entries[index].value = LocatedNode(.sequence([value]), location: value.location, mergeTag: value.mergeTag)
            } else if key == "extra_hosts" {
                entries[index].value = extraHosts(value)
            } else if key == "depends_on" {
                entries[index].value = dependsOn(value)
            } else if key == "networks" {
                entries[index].value = namesToMapping(value)
            } else if key == "build" {
                entries[index].value = build(value)
            } else if key == "deploy", var deploy = value.entries {
                for deployIndex in deploy.indices where deploy[deployIndex].key == "labels" {
                    deploy[deployIndex].value = listToMapping(deploy[deployIndex].value, separator: "=")
                }
                entries[index].value.value = .mapping(deploy)
            }
        }
        var copy = node
        copy.value = .mapping(entries)
        return copy
    }

    /// `["A=1", "B"]` → `{A: "1", B: null}`; anything that is not a list of scalars is left for
    /// the decoder to report.
    static func listToMapping(_ node: LocatedNode, separator: Character) -> LocatedNode {
        guard let items = node.items, items.allSatisfy({ $0.scalar != nil }) else { return node }
        var entries: [LocatedNode.Entry] = []
        for item in items {
            guard let text = item.scalar?.text else { continue }
            let value: LocatedNode
            let key: String
            if let split = text.firstIndex(of: separator) {
                key = String(text[..<split])
                value = .string(String(text[text.index(after: split)...]), location: item.location)
            } else {
                key = text
                value = LocatedNode.plain("null", location: item.location)
            }
            entries.removeAll { $0.key == key }
            entries.append(.init(key: key, keyLocation: item.location, value: value))
        }
        return LocatedNode(.mapping(entries), location: node.location, mergeTag: node.mergeTag)
    }

    /// `extra_hosts` lists use `host:ip` or `host=ip`; IPv6 addresses contain colons, so the
    /// first separator splits.
    static func extraHosts(_ node: LocatedNode) -> LocatedNode {
        guard let items = node.items, items.allSatisfy({ $0.scalar != nil }) else { return node }
        let usesEquals = items.contains { $0.scalar?.text.contains("=") == true }
        return listToMapping(node, separator: usesEquals ? "=" : ":")
    }

    /// `depends_on: [db]` → `{db: {condition: service_started, required: true}}`.
    static func dependsOn(_ node: LocatedNode) -> LocatedNode {
        guard let items = node.items, items.allSatisfy({ $0.scalar != nil }) else { return node }
        let entries = items.map { item in
            LocatedNode.Entry(
                key: item.scalar?.text ?? "", keyLocation: item.location,
                value: .mapping(
                    [
                        .init(key: "condition", keyLocation: item.location, value: .string("service_started", location: item.location)),
                        .init(key: "required", keyLocation: item.location, value: .plain("true", location: item.location)),
                    ], location: item.location))
        }
        return LocatedNode(.mapping(entries), location: node.location, mergeTag: node.mergeTag)
    }

    /// A service's `networks: [front]` → `{front: null}`.
    static func namesToMapping(_ node: LocatedNode) -> LocatedNode {
        guard let items = node.items, items.allSatisfy({ $0.scalar != nil }) else { return node }
        let entries = items.map {
            LocatedNode.Entry(key: $0.scalar?.text ?? "", keyLocation: $0.location, value: .plain("null", location: $0.location))
        }
        return LocatedNode(.mapping(entries), location: node.location, mergeTag: node.mergeTag)
    }

    /// `build: ./dir` → `build: {context: ./dir}`; build args and labels become mappings.
    static func build(_ node: LocatedNode) -> LocatedNode {
        if let scalar = node.scalar, !node.isNull {
            return LocatedNode(
                .mapping([.init(key: "context", keyLocation: node.location, value: .string(scalar.text, location: node.location))]),
                location: node.location, mergeTag: node.mergeTag)
        }
        guard var entries = node.entries else { return node }
        for index in entries.indices where entries[index].key == "args" || entries[index].key == "labels" {
            entries[index].value = listToMapping(entries[index].value, separator: "=")
        }
        var copy = node
        copy.value = .mapping(entries)
        return copy
    }
}
