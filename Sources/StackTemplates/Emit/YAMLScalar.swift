/// How one string is written in YAML: plain where no YAML 1.1 or 1.2 reader can take it for
/// anything else, double-quoted otherwise. All escaping lives here.
enum YAMLScalar {
    /// Words YAML 1.1 readers (PyYAML, which cfn-lint and checkov use) turn into booleans or null.
    static let reserved: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ]

    static func render(_ text: String) -> String {
        needsQuotes(text) ? quoted(text) : text
    }

    /// The characters that make a plain scalar start something else (YAML indicators).
    static let indicators = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

    /// One pass over the UTF-8 bytes: a template has thousands of strings, and this runs for
    /// every one of them (twice for a template checked against CloudFormation's size limit).
    static func needsQuotes(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return true }
        if bytes.count <= 5, reserved.contains(text.lowercased()) { return true }
        if first == UInt8(ascii: " ") || last == UInt8(ascii: " ") || last == UInt8(ascii: ":") { return true }
        if indicators.contains(first) { return true }
        var previous: UInt8 = 0
        for byte in bytes {
            // Control characters (a tab among them), DEL, and anything not ASCII.
            if byte < 0x20 || byte >= 0x7F { return true }
            // ": " starts a mapping value, " #" a comment.
            if (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ")) || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#")) {
                return true
            }
            previous = byte
        }
        return looksNumeric(text)
    }

    /// Numbers, dates and times in any form a YAML 1.1 reader resolves: `012`, `1e3`, `0x1F`,
    /// `2010-09-09`, `12:30`, `.5`, `.inf`.
    static func looksNumeric(_ text: String) -> Bool {
        let lowered = text.lowercased()
        if [".inf", "-.inf", "+.inf", ".nan"].contains(lowered) { return true }
        guard let first = text.first else { return false }
        if first.isNumber || ((first == "." || first == "+" || first == "-") && text.dropFirst().first?.isNumber == true) {
            return text.allSatisfy { $0.isNumber || "._:-+eExXabcdefABCDEFoO".contains($0) }
        }
        return false
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
