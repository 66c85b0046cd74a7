import BerthJSON

extension LocatedNode {
    /// The node as JSON-like data, with scalars typed by the YAML core schema.
    var jsonValue: JSONValue {
        switch value {
        case .scalar(let scalar):
            switch scalar.kind {
            case .null: return .null
            case .bool(let value): return .bool(value)
            case .int(let value): return .int(value)
            case .float(let value): return value.isFinite ? .double(value) : .string(scalar.text)
            case .string(let value): return .string(value)
            }
        case .sequence(let items):
            return .array(items.map(\.jsonValue))
        case .mapping(let entries):
            var object: [String: JSONValue] = [:]
            for entry in entries { object[entry.key] = entry.value.jsonValue }
            return .object(object)
        }
    }
}
