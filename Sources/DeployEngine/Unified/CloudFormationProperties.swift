import BerthJSON
import Foundation
import StackTemplates

/// Turns the ECS client's wire shapes (camelCase JSON, what RegisterTaskDefinition and
/// CreateService take) into CloudFormation properties, so the single-template mode reuses the
/// services layer's specs instead of building task definitions a second time.
///
/// CloudFormation's names are the API's in PascalCase, except a few it spells its own way
/// (`EFSVolumeConfiguration.FilesystemId`, `AuthorizationConfig.IAM`), and maps whose keys are
/// data rather than property names (the log driver's `Options`) keep their keys as they are.
/// Strings carrying placeholders (see `Placeholders`) become `Ref`, `Fn::GetAtt` or `Fn::Sub`.
struct CloudFormationProperties {
    let placeholders: Placeholders

    /// CloudFormation's spelling where it is not simply the API name with a capital first letter.
    static let renamed: [String: String] = [
        "efsVolumeConfiguration": "EFSVolumeConfiguration",
        "fileSystemId": "FilesystemId",
        "iam": "IAM",
    ]
    /// Keys under which the map's own keys are data.
    static let verbatim: Set<String> = ["options"]
    /// Keys written first, so a definition reads from its name down; the rest follow sorted.
    static let leading = ["Name", "Family", "ServiceName", "Cluster", "Image", "Essential"]

    func properties<Shape: Encodable>(_ shape: Shape, dropping: Set<String> = []) throws -> TemplateMap {
        let data = try JSONEncoder().encode(shape)
        let json = try JSONDecoder().decode(JSONValue.self, from: data)
        guard case .map(var map) = convert(json) else {
            throw DeployError("\(Shape.self) did not encode as a JSON object; this is a bug in Berth")
        }
        for key in dropping { map[key] = nil }
        return map
    }

    /// A JSON document (an IAM policy) as it is: keys unchanged, placeholders resolved.
    func document(_ json: JSONValue) -> TemplateValue {
        switch json {
        case .object(let object): return .map(TemplateMap(object.keys.sorted().map { ($0, document(object[$0] ?? .null)) }))
        case .array(let items): return .list(items.map(document))
        default: return convert(json)
        }
    }

    func convert(_ json: JSONValue, verbatimKeys: Bool = false) -> TemplateValue {
        switch json {
        case .null: return .noValue
        case .bool(let value): return .bool(value)
        case .int(let value): return .int(value)
        case .double(let value): return .string(String(value))
        case .string(let value): return placeholders.value(of: value)
        case .array(let items): return .list(items.map { convert($0) })
        case .object(let object):
            let keys = object.keys.sorted()
            var entries: [(String, TemplateValue)] = keys.map { key in
                let name = verbatimKeys ? key : Self.renamed[key] ?? key.prefix(1).uppercased() + key.dropFirst()
                return (name, convert(object[key] ?? .null, verbatimKeys: Self.verbatim.contains(key)))
            }
            if !verbatimKeys {
                let rank = { (name: String) in Self.leading.firstIndex(of: name) ?? Self.leading.count }
                entries = entries.enumerated().sorted { (rank($0.element.0), $0.offset) < (rank($1.element.0), $1.offset) }.map(\.element)
            }
            return .map(TemplateMap(entries))
        }
    }
}
