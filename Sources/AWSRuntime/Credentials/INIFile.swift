import Foundation

/// The INI dialect of `~/.aws/config` and `~/.aws/credentials`: `[section]`, `key = value`,
/// comments starting with `#` or `;`, and indented sub-settings under a key with no value
/// (`s3 =` followed by `  endpoint_url = ...`).
package struct INIFile: Sendable, Equatable {
    package struct Section: Sendable, Equatable {
        package var values: [String: String] = [:]
        package var nested: [String: [String: String]] = [:]
    }

    package private(set) var sections: [String: Section] = [:]

    package init(parsing text: String) {
        var current: String?
        var openNestedKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
                let name = String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                current = name
                openNestedKey = nil
                if sections[name] == nil { sections[name] = Section() }
                continue
            }
            guard let section = current, let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = Self.stripInlineComment(trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            let indented = line.first == " " || line.first == "\t"
            if indented, let parent = openNestedKey {
                sections[section]?.nested[parent, default: [:]][key] = value
            } else if value.isEmpty {
                openNestedKey = key
                if sections[section]?.nested[key] == nil { sections[section]?.nested[key] = [:] }
            } else {
                openNestedKey = nil
                sections[section]?.values[key] = value
            }
        }
    }

    /// The CLI treats ` #` and ` ;` after a value as the start of a comment.
    private static func stripInlineComment(_ value: String) -> String {
        for marker in [" #", " ;", "\t#", "\t;"] {
            if let range = value.range(of: marker) {
                return value[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            }
        }
        return value
    }
}
