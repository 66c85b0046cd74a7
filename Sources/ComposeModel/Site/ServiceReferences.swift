import Foundation

/// How one service names another: what makes compose's network matter for it on Fargate, where a
/// service is reachable under its name only on ports Berth knows.
package struct ServiceReference: Sendable, Equatable {
    package enum Kind: Sendable, Equatable, CustomStringConvertible {
        case dependsOn
        /// As the host of a value, e.g. `WORDPRESS_DB_HOST: db` or `DATABASE_URL: postgres://u@db:5432/x`.
        case environment(String)
        case command

        package var description: String {
            switch self {
            case .dependsOn: "depends_on"
            case .environment(let key): "environment \(key)"
            case .command: "command"
            }
        }
    }

    /// The service that names the other.
    package var from: String
    package var kind: Kind

    package init(from: String, kind: Kind) {
        self.from = from
        self.kind = kind
    }
}

extension Site {
    /// Who names `service`, in file order: its dependents, then values that use it as a host.
    package func references(to service: String) -> [ServiceReference] {
        var found: [ServiceReference] = []
        for other in services where other.name != service {
            if other.dependencies.contains(where: { $0.service == service }) {
                found.append(ServiceReference(from: other.name, kind: .dependsOn))
            }
            if let key = other.environment.first(where: { $0.value.map { Self.namesHost(service, in: $0) } ?? false })?.name {
                found.append(ServiceReference(from: other.name, kind: .environment(key)))
            }
            if ((other.entrypoint ?? []) + (other.command ?? [])).contains(where: { Self.namesHost(service, in: $0) }) {
                found.append(ServiceReference(from: other.name, kind: .command))
            }
        }
        return found
    }

    /// Whether `text` uses `host` as a host name: the whole value, or set off as in a URL, a
    /// `host:port`, a `user@host`, a `key=host` or a list (`redis,db`). A bare word inside prose
    /// or a path segment (`/web/`) does not count.
    static func namesHost(_ host: String, in text: String) -> Bool {
        guard !host.isEmpty, text.count >= host.count else { return false }
        if text == host { return true }
        let before: Set<Character> = ["@", "=", ",", " ", "(", "\"", "'"]
        let after: Set<Character> = [":", "/", ",", " ", ")", ";", "\"", "'"]
        var searchStart = text.startIndex
        while let range = text.range(of: host, range: searchStart..<text.endIndex) {
            let precededBy = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let followedBy = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let opens =
                precededBy == nil || before.contains(precededBy!)
                || (text[..<range.lowerBound].hasSuffix("//"))
            let closes = followedBy == nil || after.contains(followedBy!)
            if opens, closes { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }
}
