import Foundation
import StackTemplates

/// Stand-ins for values only known inside the stack (a file system's id, a role's ARN, an
/// access point's id, a parameter). The services layer's builders take plain strings; giving
/// them `{{berth:NAME}}` tokens instead of real ids lets the same builders describe resources
/// of the template, and the tokens are turned back into intrinsics when properties are made.
///
/// The token syntax cannot clash with compose values: interpolation has already consumed `${…}`,
/// and `{{berth:` appears nowhere else.
struct Placeholders: Sendable {
    static let open = "{{berth:"
    static let close = "}}"

    private var values: [String: TemplateValue] = [:]

    /// Registers `value` under `name` and returns the token that stands for it.
    mutating func token(_ name: String, _ value: TemplateValue) -> String {
        values[name] = value
        return Self.open + name + Self.close
    }

    /// `Ref` of a resource, parameter or pseudo parameter.
    mutating func ref(_ logicalId: String) -> String {
        token(logicalId, .ref(logicalId))
    }

    /// `Fn::GetAtt` of a resource attribute.
    mutating func getAtt(_ logicalId: String, _ attribute: String) -> String {
        token("\(logicalId).\(attribute)", .getAtt(logicalId, attribute))
    }

    /// A string as a template value: itself without tokens; the token's value when it is one
    /// token; else an `Fn::Sub` (with literal `${` escaped, and the partition of an ARN made a
    /// pseudo parameter, as cfn-lint asks).
    func value(of text: String) -> TemplateValue {
        guard text.contains(Self.open) else { return .string(text) }
        var pieces: [(literal: String, name: String?)] = []
        var rest = Substring(text)
        while let start = rest.range(of: Self.open), let end = rest[start.upperBound...].range(of: Self.close) {
            pieces.append((String(rest[..<start.lowerBound]), String(rest[start.upperBound..<end.lowerBound])))
            rest = rest[end.upperBound...]
        }
        pieces.append((String(rest), nil))
        if pieces.count == 2, pieces[0].literal.isEmpty, pieces[1].literal.isEmpty, let name = pieces[0].name, let value = values[name] {
            return value
        }
        var sub = ""
        for (index, piece) in pieces.enumerated() {
            var literal = piece.literal.replacingOccurrences(of: "${", with: "${!")
            if index == 0, literal.hasPrefix("arn:aws:") { literal = "arn:${AWS::Partition}:" + literal.dropFirst("arn:aws:".count) }
            sub += literal
            guard let name = piece.name else { continue }
            switch values[name] {
            case .string(let plain)?: sub += plain.replacingOccurrences(of: "${", with: "${!")
            case let value? where value["Ref"] != nil:
                if case .string(let id)? = value["Ref"] { sub += "${\(id)}" }
            case let value? where value["Fn::GetAtt"] != nil:
                if case .list(let parts)? = value["Fn::GetAtt"], case .string(let id) = parts[0], case .string(let attribute) = parts[1] {
                    sub += "${\(id).\(attribute)}"
                }
            default:
                // A composite value cannot sit inside a string; the builders never put one there.
                sub += Self.open + name + Self.close
            }
        }
        return .sub(sub)
    }
}
