/// One problem found in a compose project: where it is, which key, what is wrong and what would
/// be right.
///
/// The loader never stops at the first problem; it returns all of them so a user fixes the file
/// in one pass. `description` is the one-line form the CLI prints, e.g.
/// `compose.yaml:14:7: services.cms.deploy.resources.limits.memory: "lots" is not a size (use e.g. 512M, 2G)`.
package struct Diagnostic: Sendable, Equatable, Hashable, Codable, CustomStringConvertible, Error {
    package enum Severity: String, Sendable, Codable, Hashable, Comparable {
        case error
        case warning
        case note

        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .note: return 2
            }
        }

        package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    package var severity: Severity
    package var location: SourceLocation?
    /// The dotted key path, e.g. `services.cms.deploy.resources.limits.memory`; empty for problems
    /// with a whole file.
    package var path: String
    package var message: String
    /// What to do instead, printed in parentheses after the message.
    package var hint: String?

    package init(
        _ severity: Severity,
        at location: SourceLocation?,
        path: String,
        _ message: String,
        hint: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.path = Excerpt.line(path)
        self.message = Excerpt.shortenQuotes(message)
        self.hint = hint.map(Excerpt.shortenQuotes)
    }

    package static func error(
        at location: SourceLocation?,
        path: String,
        _ message: String,
        hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, at: location, path: path, message, hint: hint)
    }

    package static func warning(
        at location: SourceLocation?,
        path: String,
        _ message: String,
        hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, at: location, path: path, message, hint: hint)
    }

    package static func note(
        at location: SourceLocation?,
        path: String,
        _ message: String,
        hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.note, at: location, path: path, message, hint: hint)
    }

    /// Errors print bare, as in the example; warnings and notes say what they are, as
    /// compilers do.
    package var description: String {
        var parts: [String] = []
        if let location { parts.append(location.description) }
        if severity != .error { parts.append(severity.rawValue) }
        if !path.isEmpty { parts.append(path) }
        var text = parts.joined(separator: ": ")
        text += text.isEmpty ? message : ": " + message
        if let hint { text += " (\(hint))" }
        return text
    }
}
