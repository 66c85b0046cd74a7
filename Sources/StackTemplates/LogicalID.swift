/// CloudFormation logical ids from compose names: `cms-uploads` → `CmsUploads`. Ids must be
/// alphanumeric and unique in the template, so names that collapse to the same id get a short
/// stable hash of the original name.
package struct LogicalIDs: Sendable {
    private var byName: [String: String] = [:]

    package init(names: [String]) {
        var used: [String: Int] = [:]
        for name in names { used[Self.camel(name), default: 0] += 1 }
        for name in names {
            let base = Self.camel(name)
            byName[name] = used[base, default: 0] > 1 ? base + Self.hash(name) : base
        }
    }

    package func id(_ name: String) -> String {
        byName[name] ?? Self.camel(name)
    }

    package static func camel(_ name: String) -> String {
        var out = ""
        var upperNext = true
        for character in name {
            if character.isASCII && (character.isLetter || character.isNumber) {
                out.append(upperNext ? Character(character.uppercased()) : character)
                upperNext = false
            } else {
                upperNext = true
            }
        }
        if out.isEmpty || out.first?.isNumber == true { out = "N" + out }
        return out
    }

    /// FNV-1a, as 6 hex digits: short, stable across runs and platforms.
    static func hash(_ text: String) -> String {
        var value: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            value ^= UInt32(byte)
            value = value &* 16_777_619
        }
        let hex = String(value & 0xFF_FFFF, radix: 16, uppercase: true)
        return String(repeating: "0", count: 6 - hex.count) + hex
    }
}
