import Foundation

/// The `.env` / `--env-file` format that Docker Compose reads: `KEY=value` lines, an optional
/// `export ` prefix, `#` comments, single quotes taken literally, double quotes with `\n` escapes
/// and `${VAR}` substitution, and unquoted values that end at ` #`.
///
/// A line without `=` names a variable to take from the surrounding environment, as compose does.
struct DotEnv {
    struct Line: Equatable {
        var key: String
        var value: String?
        var line: Int
        /// A name without `=`: its value (if any) came from `lookup`, not from the file.
        var isBare = false
    }

    struct Problem: Equatable {
        var line: Int
        var message: String
    }

    /// Parses `text`; `lookup` resolves `${VAR}` inside values, after the variables defined earlier
    /// in the same file.
    static func parse(_ text: String, lookup: @escaping (String) -> String?) -> (entries: [Line], problems: [Problem]) {
        var entries: [Line] = []
        var problems: [Problem] = []
        var defined: [String: String] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var index = 0
        while index < lines.count {
            let number = index + 1
            var line = Substring(lines[index]).drop { $0 == " " || $0 == "\t" }
            index += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count).drop { $0 == " " } }
            guard let equals = line.firstIndex(of: "=") else {
                let key = line.trimmingSpaces()
                guard isValidKey(key) else {
                    problems.append(Problem(line: number, message: "\"\(key)\" is not a valid variable name"))
                    continue
                }
                entries.append(Line(key: key, value: lookup(key), line: number, isBare: true))
                continue
            }
            let key = line[..<equals].trimmingSpaces()
            guard isValidKey(key) else {
                problems.append(Problem(line: number, message: "\"\(key)\" is not a valid variable name"))
                continue
            }
            var raw = Substring(line[line.index(after: equals)...]).drop { $0 == " " || $0 == "\t" }
            let resolve: (String) -> String? = { defined[$0] ?? lookup($0) }
            let value: String
            if raw.first == "'" || raw.first == "\"" {
                let quote = raw.removeFirst()
                var body = String(raw)
                // A quoted value may span lines until its closing quote.
                while !containsClosingQuote(body, quote: quote), index < lines.count {
                    body += "\n" + lines[index]
                    index += 1
                }
                guard let close = closingQuoteIndex(body, quote: quote) else {
                    problems.append(Problem(line: number, message: "the value of \(key) has no closing \(quote)"))
                    continue
                }
                let inner = String(body[..<close])
                if quote == "'" {
                    value = inner
                } else {
                    value = substitute(unescape(inner), resolve)
                }
            } else {
                var unquoted = String(raw)
                if let comment = unquoted.range(of: " #") { unquoted = String(unquoted[..<comment.lowerBound]) }
                value = substitute(unquoted.trimmingSpaces(), resolve)
            }
            defined[key] = value
            entries.append(Line(key: key, value: value, line: number))
        }
        return (entries, problems)
    }

    /// `format: raw`: every non-empty line that is not a `#` comment is `KEY=VALUE` with the value
    /// taken to the end of the line as written; a line without `=` is a bare name.
    static func parseRaw(_ text: String) -> [Line] {
        var entries: [Line] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                entries.append(Line(key: trimmed, value: nil, line: index + 1, isBare: true))
                continue
            }
            entries.append(Line(key: line[..<equals].trimmingSpaces(), value: String(line[line.index(after: equals)...]), line: index + 1))
        }
        return entries
    }

    private static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || $0 == "." || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    private static func containsClosingQuote(_ body: String, quote: Character) -> Bool {
        closingQuoteIndex(body, quote: quote) != nil
    }

    private static func closingQuoteIndex(_ body: String, quote: Character) -> String.Index? {
        var escaped = false
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if escaped {
                escaped = false
            } else if character == "\\" && quote == "\"" {
                escaped = true
            } else if character == quote {
                return index
            }
            index = body.index(after: index)
        }
        return nil
    }

    private static func unescape(_ text: String) -> String {
        var output = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n": output.append("\n")
                case "t": output.append("\t")
                case "r": output.append("\r")
                default: output.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// Values may refer to other variables; a malformed reference is kept as written rather than
    /// failing the whole file.
    private static func substitute(_ text: String, _ resolve: @escaping (String) -> String?) -> String {
        (try? Interpolation(lookup: resolve).interpolate(text).text) ?? text
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
