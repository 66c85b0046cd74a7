import Foundation

/// A parsed XML element: just what AWS answers need (names, text, children; attributes ignored).
package struct XMLTree: Sendable, Equatable {
    package var name: String
    package var text: String
    package var children: [XMLTree]

    package init(name: String, text: String = "", children: [XMLTree] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    package func child(_ name: String) -> XMLTree? {
        children.first { $0.name == name }
    }

    package func children(_ name: String) -> [XMLTree] {
        children.filter { $0.name == name }
    }

    /// Follows a path of child names, e.g. `["Error", "Code"]`.
    package func find(_ path: String...) -> XMLTree? {
        var node: XMLTree? = self
        for name in path { node = node?.child(name) }
        return node
    }

    /// `text` as the content of an element: `&`, `<` and `>` escaped (quotes may stay as they are).
    package static func escapedText(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Parses a document; returns `nil` when it is not well-formed XML. Element names lose their
    /// namespace prefix (`<s3:Key>` is `Key`), attributes are skipped, entities and CDATA become
    /// text, and an element with children keeps its text trimmed (the whitespace between them).
    package static func parse(_ data: Data) -> XMLTree? {
        var reader = XMLReader(bytes: [UInt8](data))
        return reader.document()
    }
}

/// The few rules of XML that AWS answers use, read from bytes. Berth's own reader rather than
/// FoundationXML's `XMLParser`: that one brings libxml2 and, through it, ICU's 30 MB of data and
/// four more shared libraries that every start of the binary had to load and relocate.
private struct XMLReader {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() -> XMLTree? {
        var stack: [XMLTree] = []
        var root: XMLTree?
        var text: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") else {
                if byte == UInt8(ascii: "&") {
                    guard let decoded = entity() else { return nil }
                    text += decoded
                } else {
                    text.append(byte)
                    index += 1
                }
                continue
            }
            if starts(with: "<!--") {
                guard skip(past: "-->") else { return nil }
            } else if starts(with: "<![CDATA[") {
                index += 9
                let begin = index
                guard skip(past: "]]>") else { return nil }
                text += bytes[begin..<(index - 3)]
            } else if starts(with: "<?") || starts(with: "<!") {
                guard skip(past: ">") else { return nil }
            } else if starts(with: "</") {
                index += 2
                guard let name = name(), skipSpace(), consume(">"), var done = stack.popLast(), done.name == name else { return nil }
                done.text += String(decoding: text, as: UTF8.self)
                text = []
                if !done.children.isEmpty { done.text = done.text.trimmingCharacters(in: .whitespacesAndNewlines) }
                if stack.isEmpty {
                    guard root == nil else { return nil }
                    root = done
                } else {
                    stack[stack.count - 1].children.append(done)
                }
            } else {
                index += 1
                guard let name = name() else { return nil }
                if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: text, as: UTF8.self) }
                text = []
                guard let empty = skipAttributes() else { return nil }
                guard root == nil else { return nil }
                if empty {
                    if stack.isEmpty { root = XMLTree(name: name) } else { stack[stack.count - 1].children.append(XMLTree(name: name)) }
                } else {
                    stack.append(XMLTree(name: name))
                }
            }
        }
        return stack.isEmpty ? root : nil
    }

    func starts(with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { buffer in bytes[index..<(index + count)].elementsEqual(buffer) }
    }

    mutating func skip(past end: StaticString) -> Bool {
        while index < bytes.count {
            if starts(with: end) {
                index += end.utf8CodeUnitCount
                return true
            }
            index += 1
        }
        return false
    }

    mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// Always true: for use in a chain of conditions.
    mutating func skipSpace() -> Bool {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return true
    }

    /// An element name without its namespace prefix.
    mutating func name() -> String? {
        let begin = index
        while index < bytes.count, !([0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(bytes[index])) { index += 1 }
        guard index > begin else { return nil }
        var slice = bytes[begin..<index]
        if let colon = slice.lastIndex(of: UInt8(ascii: ":")) { slice = slice[(colon + 1)...] }
        return slice.isEmpty ? nil : String(decoding: slice, as: UTF8.self)
    }

    /// Past the attributes and the tag's end; whether the element was empty (`/>`), nil when
    /// the tag does not end.
    mutating func skipAttributes() -> Bool? {
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return bytes[index - 2] == UInt8(ascii: "/")
            }
        }
        return nil
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NN;`, `&#xNN;` as UTF-8.
    mutating func entity() -> [UInt8]? {
        guard let end = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else { return nil }
        let body = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        index = end + 1
        switch body {
        case "amp": return [UInt8(ascii: "&")]
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            guard body.hasPrefix("#") else { return nil }
            let digits = body.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return Array(String(Character(scalar)).utf8)
        }
    }
}
