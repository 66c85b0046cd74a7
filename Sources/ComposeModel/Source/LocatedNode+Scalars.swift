/// What a scalar means under the YAML 1.2 core schema, which compose-go's YAML library follows:
/// only unquoted scalars can be null, booleans or numbers.
extension LocatedNode.Scalar {
    enum Kind: Equatable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
    }

    var kind: Kind {
        guard isPlain else { return .string(text) }
        return Self.plainKind(text)
    }

    static func plainKind(_ text: String) -> Kind {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let int = parseInt(text) { return .int(int) }
        if let float = parseFloat(text) { return .float(float) }
        return .string(text)
    }

    private static func parseInt(_ text: String) -> Int? {
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        guard let first = text.unicodeScalars.first, first == "-" || first == "+" || ("0"..."9").contains(first) else {
            return nil
        }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    private static func parseFloat(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        let allowed = text.unicodeScalars.allSatisfy {
            ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E"
        }
        guard allowed, text.unicodeScalars.contains(where: { ("0"..."9").contains($0) }) else { return nil }
        return Double(text)
    }
}
