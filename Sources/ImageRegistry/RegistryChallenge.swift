import Foundation

/// A registry's `WWW-Authenticate` answer to an unauthenticated request: which scheme it wants
/// and, for `Bearer`, where to get a token (the Docker registry token protocol, which Docker Hub,
/// GHCR, Quay and most OCI registries follow; ECR asks for `Basic` with its own token instead).
package struct RegistryChallenge: Sendable, Equatable {
    package enum Scheme: String, Sendable {
        case basic = "Basic"
        case bearer = "Bearer"
    }

    package var scheme: Scheme
    package var parameters: [String: String]

    package var realm: String? { parameters["realm"] }
    package var service: String? { parameters["service"] }
    package var scope: String? { parameters["scope"] }

    /// Nil for a header that names neither scheme.
    package init?(header: String) {
        let trimmed = header.drop { $0 == " " }
        guard let space = trimmed.firstIndex(of: " ") ?? (trimmed.isEmpty ? nil : trimmed.endIndex) else { return nil }
        guard let scheme = Scheme.allCases.first(where: { $0.rawValue.lowercased() == trimmed[..<space].lowercased() }) else { return nil }
        self.scheme = scheme
        self.parameters = Self.parameters(String(trimmed[space...]))
    }

    /// `key="value",key2=value2`, commas inside quotes kept.
    private static func parameters(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var key = ""
        var value = ""
        var inKey = true
        var quoted = false
        func finish() {
            let name = key.trimmingCharacters(in: .whitespaces).lowercased()
            if !name.isEmpty { result[name] = value }
            key = ""
            value = ""
            inKey = true
        }
        for character in text {
            if inKey {
                if character == "=" { inKey = false } else if character != "," { key.append(character) }
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ",", !quoted {
                finish()
            } else {
                value.append(character)
            }
        }
        finish()
        return result
    }
}

extension RegistryChallenge.Scheme: CaseIterable {}
