import Foundation

/// A `.dockerignore` file, matched as docker's build context loader matches it, so a remote build
/// gets exactly the files `docker build` would send.
///
/// - One pattern a line; blank lines and `#` comments are skipped; surrounding spaces trimmed.
/// - Patterns are cleaned paths relative to the context (a leading `/` means the context root):
///   `*` and `?` stay within a path segment, `[…]` is a class, `\` escapes, and `**` spans any
///   number of segments (none included).
/// - A pattern that matches a directory matches everything under it.
/// - `!` makes an exception; the last pattern that matches a path decides.
package struct DockerIgnore: Sendable {
    struct Pattern: Sendable {
        var source: String
        var exception: Bool
        var regex: NSRegularExpression

        func matches(_ path: String) -> Bool {
            regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
        }
    }

    let patterns: [Pattern]

    package init(_ text: String) {
        patterns = text.split(whereSeparator: \.isNewline).compactMap { line in
            var pattern = line.trimmingCharacters(in: .whitespaces)
            guard !pattern.isEmpty, !pattern.hasPrefix("#") else { return nil }
            let exception = pattern.hasPrefix("!")
            if exception { pattern = String(pattern.dropFirst()).trimmingCharacters(in: .whitespaces) }
            pattern = Self.clean(pattern)
            guard !pattern.isEmpty, let regex = try? NSRegularExpression(pattern: Self.regex(pattern)) else { return nil }
            return Pattern(source: pattern, exception: exception, regex: regex)
        }
    }

    /// Whether docker leaves `path` (relative, `/`-separated) out of the context.
    package func excludes(_ path: String) -> Bool {
        var excluded = false
        let parents = Self.parents(of: path)
        for pattern in patterns where pattern.matches(path) || parents.contains(where: pattern.matches) {
            excluded = !pattern.exception
        }
        return excluded
    }

    /// Whether some exception could bring back a path under an excluded directory, so the
    /// directory must still be walked.
    package var hasExceptions: Bool { patterns.contains(where: \.exception) }

    /// `a`, `a/b` for `a/b/c`.
    static func parents(of path: String) -> [String] {
        let parts = path.split(separator: "/")
        return parts.count < 2 ? [] : (1..<parts.count).map { parts[..<$0].joined(separator: "/") }
    }

    /// Go's `filepath.Clean`, then no leading `/`: `./a//b/` is `a/b`, `/a` is `a`.
    static func clean(_ pattern: String) -> String {
        var parts: [Substring] = []
        for part in pattern.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty && parts.last != ".." { parts.removeLast() } else if !pattern.hasPrefix("/") { parts.append(part) }
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// The anchored regular expression of a cleaned pattern.
    static func regex(_ pattern: String) -> String {
        var regex = "^"
        var characters = Array(pattern)[...]
        while let character = characters.popFirst() {
            switch character {
            case "*":
                if characters.first == "*" {
                    characters.removeFirst()
                    if characters.first == "/" {
                        characters.removeFirst()
                        regex += "(.*/)?"
                    } else {
                        regex += ".*"
                    }
                } else {
                    regex += "[^/]*"
                }
            case "?":
                regex += "[^/]"
            case "[":
                var set = "["
                if characters.first == "^" || characters.first == "!" {
                    characters.removeFirst()
                    set += "^"
                }
                while let next = characters.popFirst(), next != "]" {
                    set += next == "\\" ? NSRegularExpression.escapedPattern(for: String(characters.popFirst() ?? "\\")) : String(next)
                }
                regex += set + "]"
            case "\\":
                regex += NSRegularExpression.escapedPattern(for: String(characters.popFirst() ?? "\\"))
            default:
                regex += NSRegularExpression.escapedPattern(for: String(character))
            }
        }
        return regex + "$"
    }
}
