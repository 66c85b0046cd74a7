/// A CloudFormation value as an ordered tree, so rendering is byte-for-byte repeatable:
/// maps keep the order in which Berth wrote their keys.
///
/// Intrinsic functions are written in their long form (`Ref:`, `Fn::GetAtt:`), because YAML
/// libraries drop the short `!Ref` tags.
package indirect enum TemplateValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([TemplateValue])
    case map(TemplateMap)

    package static func ref(_ logicalId: String) -> TemplateValue {
        ["Ref": .string(logicalId)]
    }

    package static func getAtt(_ logicalId: String, _ attribute: String) -> TemplateValue {
        ["Fn::GetAtt": [.string(logicalId), .string(attribute)]]
    }

    package static func sub(_ text: String) -> TemplateValue {
        ["Fn::Sub": .string(text)]
    }

    package static func join(_ separator: String, _ values: [TemplateValue]) -> TemplateValue {
        ["Fn::Join": [.string(separator), .list(values)]]
    }

    package static func select(_ index: Int, _ list: TemplateValue) -> TemplateValue {
        ["Fn::Select": [.int(index), list]]
    }

    package static var availabilityZones: TemplateValue {
        ["Fn::GetAZs": ""]
    }

    package static func ifCondition(_ condition: String, _ then: TemplateValue, _ otherwise: TemplateValue) -> TemplateValue {
        ["Fn::If": [.string(condition), then, otherwise]]
    }

    package static var noValue: TemplateValue { .ref("AWS::NoValue") }

    /// `[{Key: k, Value: v}, ...]`, the tag list most resource types take.
    package static func tags(_ tags: [(String, TemplateValue)]) -> TemplateValue {
        .list(tags.map { ["Key": .string($0.0), "Value": $0.1] })
    }

    package subscript(key: String) -> TemplateValue? {
        if case .map(let map) = self { return map[key] }
        return nil
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByStringInterpolation
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .int(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    package init(dictionaryLiteral elements: (String, TemplateValue)...) { self = .map(TemplateMap(elements)) }
}

/// A map whose keys keep their insertion order.
package struct TemplateMap: Sendable, Equatable {
    package private(set) var entries: [(key: String, value: TemplateValue)]

    package init(_ entries: [(String, TemplateValue)] = []) {
        self.entries = []
        for (key, value) in entries { self[key] = value }
    }

    package var keys: [String] { entries.map(\.key) }
    package var isEmpty: Bool { entries.isEmpty }

    /// Setting an existing key replaces its value in place; `nil` removes it.
    package subscript(key: String) -> TemplateValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    package static func == (lhs: TemplateMap, rhs: TemplateMap) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension TemplateMap: ExpressibleByDictionaryLiteral {
    package init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(elements)
    }
}
