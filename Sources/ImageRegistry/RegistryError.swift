/// Why an image's configuration could not be read, in words a user can act on; the registry's own
/// error code is kept.
package struct RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// The repository or tag does not exist (404, `MANIFEST_UNKNOWN`, `NAME_UNKNOWN`).
        case notFound
        /// The registry wants credentials Berth does not have, or refused them.
        case unauthorized
        /// 429 after the retries: Docker Hub's pull rate limit, typically.
        case rateLimited
        /// No answer, or not a registry's answer.
        case unreachable
        /// An answer Berth cannot read (an unknown manifest type, no matching platform).
        case unsupported
    }

    package var kind: Kind
    package var image: String
    package var message: String
    /// The registry's error code when it sent one (`MANIFEST_UNKNOWN`, `TOOMANYREQUESTS`).
    package var code: String?

    package init(_ kind: Kind, image: String, _ message: String, code: String? = nil) {
        self.kind = kind
        self.image = image
        self.message = message
        self.code = code
    }

    package var description: String {
        "\(image): \(message)" + (code.map { " (\($0))" } ?? "")
    }
}
