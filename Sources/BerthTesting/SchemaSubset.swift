import BerthJSON
import Foundation

/// A small JSON-schema (draft-07) checker covering the keywords compose-spec.json uses: `$ref`,
/// `type`, `properties`, `patternProperties`, `additionalProperties`, `required`, `items`, `oneOf`,
/// `enum`, `pattern`, `minimum`, `maximum`. Enough to say whether a merged document is valid
/// compose; `uniqueItems` and `format` are not checked.
package struct SchemaSubset {
    let root: [String: Any]

    package init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        root = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// Every violation as `path: problem`; empty when valid.
    package func violations(of value: JSONValue) -> [String] {
        var problems: [String] = []
        check(value, against: root, path: "", problems: &problems)
        return problems
    }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String, reference.hasPrefix("#/definitions/") else { return schema }
        let name = String(reference.dropFirst("#/definitions/".count))
        let definitions = root["definitions"] as? [String: Any] ?? [:]
        return resolve(definitions[name] as? [String: Any] ?? [:])
    }

    private func check(_ value: JSONValue, against rawSchema: [String: Any], path: String, problems: inout [String]) {
        let schema = resolve(rawSchema)
        if let types = schema["type"] {
            let names = (types as? [String]) ?? [(types as? String) ?? ""]
            if !names.contains(where: { matches(value, type: $0) }) {
                problems.append("\(path): \(describe(value)) is not \(names.joined(separator: "/"))")
                return
            }
        }
        if let options = schema["enum"] as? [Any], case .string(let text) = value, !options.contains(where: { ($0 as? String) == text }) {
            problems.append("\(path): \(text) is not one of \(options)")
        }
        if let pattern = schema["pattern"] as? String, case .string(let text) = value, !text.matches(pattern) {
            problems.append("\(path): \(text) does not match \(pattern)")
        }
        if let minimum = schema["minimum"] as? Double, let number = value.number, number < minimum {
            problems.append("\(path): \(number) < \(minimum)")
        }
        if let maximum = schema["maximum"] as? Double, let number = value.number, number > maximum {
            problems.append("\(path): \(number) > \(maximum)")
        }
        if let oneOf = schema["oneOf"] as? [[String: Any]] {
            let passing = oneOf.filter { option in
                var scratch: [String] = []
                check(value, against: option, path: path, problems: &scratch)
                return scratch.isEmpty
            }
            if passing.count != 1 { problems.append("\(path): matches \(passing.count) of the oneOf options") }
        }
        switch value {
        case .object(let object):
            let properties = schema["properties"] as? [String: Any] ?? [:]
            let patterns = schema["patternProperties"] as? [String: Any] ?? [:]
            for required in schema["required"] as? [String] ?? [] where object[required] == nil {
                problems.append("\(path): missing \(required)")
            }
            for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if let property = properties[key] as? [String: Any] {
                    check(child, against: property, path: childPath, problems: &problems)
                    continue
                }
                let matching = patterns.filter { key.matches($0.key) }
                if !matching.isEmpty {
                    for (_, pattern) in matching { check(child, against: pattern as? [String: Any] ?? [:], path: childPath, problems: &problems) }
                    continue
                }
                switch schema["additionalProperties"] {
                case let allowed as Bool where !allowed: problems.append("\(childPath): additional property not allowed")
                case let additional as [String: Any]: check(child, against: additional, path: childPath, problems: &problems)
                default: break
                }
            }
        case .array(let items):
            if let itemSchema = schema["items"] as? [String: Any] {
                for (index, item) in items.enumerated() { check(item, against: itemSchema, path: "\(path)[\(index)]", problems: &problems) }
            }
        default:
            break
        }
    }

    private func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("integer", .int), ("number", .int), ("number", .double): return true
        case ("integer", .double(let number)): return number == number.rounded()
        default: return false
        }
    }

    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        case .string(let text): return "\"\(text)\""
        default: return "\(value)"
        }
    }
}

extension JSONValue {
    var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }
}

extension String {
    func matches(_ pattern: String) -> Bool {
        range(of: pattern, options: .regularExpression) != nil
    }
}
