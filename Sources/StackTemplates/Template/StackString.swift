import Foundation

/// A string Berth writes onto a resource that is either known now (an id the infrastructure
/// stack reported, a name from the compose file) or only inside a stack (a resource's `Ref`, an
/// attribute, a parameter). The API mode only ever holds known text; a template renders the rest
/// as intrinsic functions. Because the two kinds are told apart by type, an id is never written
/// into text and parsed back out of it.
package indirect enum StackString: Sendable, Hashable {
    /// Text known now.
    case literal(String)
    /// `Ref` of a resource, parameter or pseudo parameter (`AWS::Region`).
    case ref(String)
    /// `Fn::GetAtt` of a resource attribute.
    case getAtt(String, String)
    /// One entry of a list parameter (`Fn::Select`): a subnet of an existing VPC. It cannot sit
    /// inside `Fn::Sub`, so a `joined` string holding one becomes `Fn::Join`.
    case selected(Int, fromList: String)
    /// Text the template assembles from pieces: `Fn::Sub`, even when every piece is known, as an
    /// ARN built from the region and the account is.
    case joined([StackString])

    /// The text, when every piece of it is known now; `nil` for a value only the stack knows.
    package var text: String? {
        switch self {
        case .literal(let text): return text
        case .ref, .getAtt, .selected: return nil
        case .joined(let pieces):
            var text = ""
            for piece in pieces {
                guard let known = piece.text else { return nil }
                text += known
            }
            return text
        }
    }

    /// `suffix` after the value: text stays text, anything else becomes a `joined` string. A
    /// secret's JSON key (`:key::`) is added to its ARN this way.
    package func appending(_ suffix: String) -> StackString {
        switch self {
        case .literal(let text): .literal(text + suffix)
        case .joined(let pieces): .joined(pieces + [.literal(suffix)])
        case .ref, .getAtt, .selected: .joined([self, .literal(suffix)])
        }
    }
}

extension StackString: ExpressibleByStringLiteral {
    package init(stringLiteral value: String) { self = .literal(value) }
}

extension StackString {
    /// The value in a template. Joined text is `Fn::Sub`, with a literal `${` escaped as `${!`
    /// (CloudFormation would read it as a variable); a single stack value stands as itself.
    package var template: TemplateValue {
        switch self {
        case .literal(let text): return .string(text)
        case .ref(let logicalId): return .ref(logicalId)
        case .getAtt(let logicalId, let attribute): return .getAtt(logicalId, attribute)
        case .selected(let index, let list): return .select(index, .ref(list))
        case .joined(let pieces):
            let flat = Self.flattened(pieces)
            if flat.count == 1, flat[0].text == nil { return flat[0].template }
            guard let text = Self.subText(flat) else { return .join("", flat.map(\.template)) }
            return .sub(text)
        }
    }

    /// The `Fn::Sub` text of the pieces, or `nil` when one cannot be named in it.
    static func subText(_ pieces: [StackString]) -> String? {
        var text = ""
        for piece in pieces {
            switch piece {
            case .literal(let literal): text += literal.replacingOccurrences(of: "${", with: "${!")
            case .ref(let logicalId): text += "${\(logicalId)}"
            case .getAtt(let logicalId, let attribute): text += "${\(logicalId).\(attribute)}"
            case .selected, .joined: return nil
            }
        }
        return text
    }

    /// Nested joins spliced in, empty text dropped and adjacent literals merged, so the rendering
    /// does not depend on how the value was put together.
    static func flattened(_ pieces: [StackString]) -> [StackString] {
        var flat: [StackString] = []
        for piece in pieces {
            let inner: [StackString]
            if case .joined(let nested) = piece { inner = flattened(nested) } else { inner = [piece] }
            for next in inner where next != .literal("") {
                if case .literal(let text) = next, case .literal(let previous)? = flat.last {
                    flat[flat.count - 1] = .literal(previous + text)
                } else {
                    flat.append(next)
                }
            }
        }
        return flat
    }

    /// An order for values of either kind: known text by itself, stack values by their
    /// `Fn::Sub` text. ARNs that differ only in an id sort the same way in both modes.
    package var sortKey: String {
        text ?? Self.subText(Self.flattened([self])) ?? ""
    }
}
