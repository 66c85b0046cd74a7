import BerthJSON
import Foundation

/// Flattens an `Encodable` input into the form parameters of the awsQuery and ec2Query protocols.
///
/// The input is encoded as JSON first, then walked: nested structures become `A.B`, lists
/// become `A.member.N` (awsQuery) or `A.N` (ec2Query), maps become `A.entry.N.key`/`.value`.
/// Indices start at 1, as AWS expects.
package struct QueryEncoder: Sendable {
    package enum ListStyle: Sendable {
        case member
        case flat
    }

    package var listStyle: ListStyle

    package init(listStyle: ListStyle) {
        self.listStyle = listStyle
    }

    package func encode(_ input: some Encodable) throws -> [(String, String)] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(input)
        let value = try JSONDecoder().decode(JSONValue.self, from: data)
        var out: [(String, String)] = []
        flatten(value, prefix: "", into: &out)
        return out.sorted { $0.0 < $1.0 }
    }

    private func flatten(_ value: JSONValue, prefix: String, into out: inout [(String, String)]) {
        func join(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }
        switch value {
        case .object(let dictionary):
            if case .object(let map)? = dictionary["__map"] {
                for (index, key) in map.keys.sorted().enumerated() {
                    out.append((join("entry.\(index + 1).key"), key))
                    flatten(map[key]!, prefix: join("entry.\(index + 1).value"), into: &out)
                }
                return
            }
            for (key, item) in dictionary { flatten(item, prefix: join(key), into: &out) }
        case .array(let array):
            if array.isEmpty {
                // awsQuery sends an empty list as the bare name; ec2Query has no way to say it.
                if listStyle == .member { out.append((prefix, "")) }
                return
            }
            for (index, item) in array.enumerated() {
                let itemPrefix = listStyle == .member ? join("member.\(index + 1)") : join("\(index + 1)")
                flatten(item, prefix: itemPrefix, into: &out)
            }
        case .null:
            return
        default:
            out.append((prefix, value.stringValue ?? ""))
        }
    }
}

/// A string map sent as `Name.entry.N.key` / `Name.entry.N.value` in awsQuery (SNS attributes).
package struct QueryMap: Encodable, Sendable, Equatable {
    package var values: [String: String]
    package init(_ values: [String: String]) { self.values = values }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: MapKey.self)
        try container.encode(values, forKey: MapKey(stringValue: "__map"))
    }

    private struct MapKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
