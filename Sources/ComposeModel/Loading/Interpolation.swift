/// Shell-style variable substitution as `12-interpolation.md` defines it: `$VAR`, `${VAR}`,
/// `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
/// `${VAR+alt}`, `$$` for a literal dollar, and nesting inside the default, error and alternative.
///
/// Pure: the variables arrive as a lookup closure, never from the process environment.
struct Interpolation {
    enum Failure: Error, Equatable {
        /// `${VAR:?message}` or `${VAR?message}` with the variable missing.
        case required(variable: String, message: String)
        /// Something after `$` that compose rejects, e.g. `${}` or `${VAR/a/b}`.
        case invalid(String)
    }

    struct Outcome: Equatable {
        var text: String
        /// Variables used without a default that were not set; compose warns and substitutes "".
        var unsetVariables: [String]
    }

    let lookup: (String) -> String?

    func interpolate(_ text: String) throws(Failure) -> Outcome {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return Outcome(text: text, unsetVariables: []) }
        var unset: [String] = []
        let bytes = Array(text.utf8)
        let output = try expand(bytes[...], unset: &unset)
        return Outcome(text: String(decoding: output, as: UTF8.self), unsetVariables: unset)
    }

    private static let dollar = UInt8(ascii: "$")
    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")

    private static func isNameStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isNameBody(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private func expand(_ bytes: ArraySlice<UInt8>, unset: inout [String]) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == Self.dollar, index + 1 < bytes.endIndex else {
                output.append(byte)
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == Self.dollar {
                output.append(Self.dollar)
                index += 2
            } else if next == Self.openBrace {
                let end = try closingBrace(in: bytes, from: index + 2)
                output += try substitute(braced: bytes[(index + 2)..<end], unset: &unset)
                index = end + 1
            } else if Self.isNameStart(next) {
                var nameEnd = index + 1
                while nameEnd < bytes.endIndex && Self.isNameBody(bytes[nameEnd]) { nameEnd += 1 }
                let name = String(decoding: bytes[(index + 1)..<nameEnd], as: UTF8.self)
                if let value = lookup(name) {
                    output += Array(value.utf8)
                } else {
                    unset.append(name)
                }
                index = nameEnd
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    private func closingBrace(in bytes: ArraySlice<UInt8>, from start: Int) throws(Failure) -> Int {
        var depth = 1
        var index = start
        while index < bytes.endIndex {
            if bytes[index] == Self.openBrace {
                depth += 1
            } else if bytes[index] == Self.closeBrace {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        let fragment = String(decoding: bytes[(start - 2)...], as: UTF8.self)
        throw .invalid("\"\(fragment)\" has no closing brace")
    }

    private func substitute(braced: ArraySlice<UInt8>, unset: inout [String]) throws(Failure) -> [UInt8] {
        var nameEnd = braced.startIndex
        guard nameEnd < braced.endIndex, Self.isNameStart(braced[nameEnd]) else {
            throw .invalid("\"${\(String(decoding: braced, as: UTF8.self))}\" is not a valid variable reference")
        }
        while nameEnd < braced.endIndex && Self.isNameBody(braced[nameEnd]) { nameEnd += 1 }
        let name = String(decoding: braced[braced.startIndex..<nameEnd], as: UTF8.self)
        let value = lookup(name)
        var rest = braced[nameEnd...]
        if rest.isEmpty {
            if value == nil { unset.append(name) }
            return Array((value ?? "").utf8)
        }
        let colon = rest.first == UInt8(ascii: ":")
        if colon { rest = rest.dropFirst() }
        guard let op = rest.first else {
            throw .invalid("\"${\(String(decoding: braced, as: UTF8.self))}\" is not a valid variable reference")
        }
        let argument = rest.dropFirst()
        let isSet = colon ? !(value ?? "").isEmpty : value != nil
        switch op {
        case UInt8(ascii: "-"):
            return isSet ? Array((value ?? "").utf8) : try expand(argument, unset: &unset)
        case UInt8(ascii: "+"):
            return isSet ? try expand(argument, unset: &unset) : []
        case UInt8(ascii: "?"):
            if isSet { return Array((value ?? "").utf8) }
            let message = String(decoding: try expand(argument, unset: &unset), as: UTF8.self)
            throw .required(variable: name, message: message)
        default:
            throw .invalid(
                "\"${\(String(decoding: braced, as: UTF8.self))}\" uses an operator compose does not support")
        }
    }
}
