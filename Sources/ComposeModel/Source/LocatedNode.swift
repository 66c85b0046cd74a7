/// A YAML value that remembers where it was written.
///
/// Yams' `Node` holds class references (tags, anchors) and so is not `Sendable`; the loader turns
/// it into this plain value tree straight after parsing. Mappings keep their key order because
/// `berth config` prints them back in the order the user wrote.
struct LocatedNode: Sendable, Equatable {
    enum Value: Sendable, Equatable {
        case scalar(Scalar)
        case mapping([Entry])
        case sequence([LocatedNode])
    }

    /// A scalar keeps its text; `isPlain` says whether it was unquoted, which decides whether
    /// `8080`, `true` or `null` mean a number, a boolean or nothing rather than a string.
    struct Scalar: Sendable, Equatable {
        var text: String
        var isPlain: Bool
    }

    struct Entry: Sendable, Equatable {
        var key: String
        var keyLocation: SourceLocation?
        var value: LocatedNode
    }

    /// The compose merge tags (`!reset`, `!override`) from `13-merge.md`.
    enum MergeTag: Sendable, Equatable {
        case reset
        case override
    }

    var value: Value
    var location: SourceLocation?
    var mergeTag: MergeTag?

    init(_ value: Value, location: SourceLocation? = nil, mergeTag: MergeTag? = nil) {
        self.value = value
        self.location = location
        self.mergeTag = mergeTag
    }

    static func string(_ text: String, location: SourceLocation? = nil) -> LocatedNode {
        LocatedNode(.scalar(Scalar(text: text, isPlain: false)), location: location)
    }

    static func plain(_ text: String, location: SourceLocation? = nil) -> LocatedNode {
        LocatedNode(.scalar(Scalar(text: text, isPlain: true)), location: location)
    }

    static func mapping(_ entries: [Entry], location: SourceLocation? = nil) -> LocatedNode {
        LocatedNode(.mapping(entries), location: location)
    }

    static func sequence(_ items: [LocatedNode], location: SourceLocation? = nil) -> LocatedNode {
        LocatedNode(.sequence(items), location: location)
    }

    static let null = LocatedNode.plain("null")
}

extension LocatedNode {
    var scalar: Scalar? {
        if case .scalar(let scalar) = value { return scalar }
        return nil
    }

    var entries: [Entry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    var items: [LocatedNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// True for `null`, `~` and an empty plain scalar, per the YAML 1.2 core schema.
    var isNull: Bool {
        guard let scalar, scalar.isPlain else { return false }
        switch scalar.text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    subscript(key: String) -> LocatedNode? {
        get { entries?.first { $0.key == key }?.value }
        set {
            guard case .mapping(var entries) = value else { return }
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue {
                    entries[index].value = newValue
                } else {
                    entries.remove(at: index)
                }
            } else if let newValue {
                entries.append(Entry(key: key, keyLocation: newValue.location, value: newValue))
            }
            value = .mapping(entries)
        }
    }

    func entry(_ key: String) -> Entry? {
        entries?.first { $0.key == key }
    }

    /// A short name for the node's kind, used in "expected a mapping, found a list" messages.
    /// What kind of value this is, without its text: for files that may not be YAML at all.
    var kindWord: String {
        switch value {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar: return isNull ? "null" : "text"
        }
    }

    var kindName: String {
        switch value {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if isNull { return "null" }
            return "\"\(scalar.text)\""
        }
    }
}
