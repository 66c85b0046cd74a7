import ComposeModel
import Foundation

/// The environment of a service run on the developer's machine: inside compose's network it
/// reached the others by their service names (`http://cms:1337`); on the host those names do
/// not resolve, so they become `localhost` at the port each is published on.
enum HostEnvironment {
    /// `ports`: service name → container port → the host port it is published on.
    static func rewrite(_ environment: [NamedValue], ports: [String: [Int: Int]]) -> [NamedValue] {
        environment.map { variable in
            var variable = variable
            variable.value = variable.value.map { rewrite($0, ports: ports) }
            return variable
        }
    }

    /// Only unambiguous uses of a name change: the whole value (`DB_HOST=db`), `name:port`
    /// (`cms:1337`, `postgres://u@db:5432/x`), and a URL's host (`http://cms/`). A name that is
    /// merely a word in a sentence is left alone.
    static func rewrite(_ value: String, ports: [String: [Int: Int]]) -> String {
        if ports[value] != nil { return "localhost" }
        var text = value
        for name in ports.keys.sorted(by: { ($0.count, $0) > ($1.count, $1) }) {
            let escaped = NSRegularExpression.escapedPattern(for: name)
            // name:port, after a boundary that cannot be part of a host name.
            text = replace(in: text, pattern: "(^|[\\s=,;@/\"'(])\(escaped):([0-9]{1,5})(?![0-9A-Za-z_.-])") { groups in
                let port = Int(groups[2]) ?? 0
                return groups[1] + "localhost:\(ports[name]?[port] ?? port)"
            }
            // A URL's host without a port: //name/ or user@name.
            text = replace(in: text, pattern: "(//|//[^/@\\s]*@)\(escaped)(?=$|[/?#\\s\"'])") { groups in groups[1] + "localhost" }
        }
        return text
    }

    private static func replace(in text: String, pattern: String, with make: ([String]) -> String) -> String {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return text }
        let source = text as NSString
        var result = ""
        var last = 0
        for match in expression.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            result += source.substring(with: NSRange(location: last, length: match.range.location - last))
            let groups = (0..<match.numberOfRanges).map { index -> String in
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : source.substring(with: range)
            }
            result += make(groups)
            last = match.range.location + match.range.length
        }
        return result + source.substring(from: last)
    }

    /// `KEY=value` lines as dotenv and `docker --env-file` read them; a value with a newline,
    /// quote or leading/trailing space is double-quoted with `\n` and `\"` escapes (dotenv's
    /// form). Variables without a value (taken from the shell by compose) are left out.
    static func envFile(_ environment: [NamedValue]) -> String {
        environment.compactMap { variable -> String? in
            guard let value = variable.value else { return nil }
            let plain = !value.contains { "\n\r\"'#\\".contains($0) } && value.trimmingCharacters(in: .whitespaces) == value
            let written =
                plain
                ? value
                : "\""
                    + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r") + "\""
            return "\(variable.name)=\(written)"
        }.joined(separator: "\n") + "\n"
    }
}
