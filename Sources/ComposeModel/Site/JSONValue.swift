/// A free-form value carried through unchanged: `x-aws-cloudformation` overlays and `x-aws-role`
/// policy documents, whose shape belongs to AWS, not to compose.
public indirect enum JSONValue: Sendable, Codable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension LocatedNode {
    /// The node as JSON-like data, with scalars typed by the YAML core schema.
    var jsonValue: JSONValue {
        switch value {
        case .scalar(let scalar):
            switch scalar.kind {
            case .null: return .null
            case .bool(let value): return .bool(value)
            case .int(let value): return .integer(value)
            case .float(let value): return value.isFinite ? .number(value) : .string(scalar.text)
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
