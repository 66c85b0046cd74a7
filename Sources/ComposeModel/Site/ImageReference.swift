import Foundation

/// An image name as docker reads it (`nginx`, `ghost:5-alpine`, `ghcr.io/org/app:1.2`,
/// `127.0.0.1:5000/site@sha256:…`), split into the registry to ask and the repository and
/// reference to ask it for.
///
/// Docker's normalisation: the first path component names a registry only when it has a `.` or a
/// `:` or is `localhost`; otherwise the image is on Docker Hub, whose one-word names live under
/// `library/`. The tag defaults to `latest`.
package struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// As written in the compose file, e.g. `docker.io/library/nginx` for Docker Hub.
    package var registry: String
    package var repository: String
    package var tag: String?
    /// `sha256:…` when the image is pinned.
    package var digest: String?

    package static let dockerHub = "docker.io"

    package init(registry: String, repository: String, tag: String? = nil, digest: String? = nil) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Nil when the text is not an image reference (empty, spaces, an uninterpolated `${…}`).
    package init?(parsing text: String) {
        var rest = text.trimmingCharacters(in: .whitespaces)
        guard !rest.isEmpty, !rest.contains(" "), !rest.contains("$"), rest == rest.trimmingCharacters(in: .init(charactersIn: "/:@")) else {
            return nil
        }
        if let at = rest.firstIndex(of: "@") {
            let digest = String(rest[rest.index(after: at)...])
            guard digest.hasPrefix("sha256:") || digest.hasPrefix("sha512:") else { return nil }
            self.digest = digest
            rest = String(rest[..<at])
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let tag = String(rest[rest.index(after: colon)...])
            guard Self.isTag(tag) else { return nil }
            self.tag = tag
            rest = String(rest[..<colon])
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !components.contains(where: \.isEmpty) else { return nil }
        if components.count > 1, components[0].contains(".") || components[0].contains(":") || components[0] == "localhost" {
            registry = components.removeFirst()
        } else {
            registry = Self.dockerHub
        }
        if registry == Self.dockerHub || registry == "index.docker.io" || registry == "registry-1.docker.io" {
            registry = Self.dockerHub
            if components.count == 1 { components.insert("library", at: 0) }
        }
        guard components.allSatisfy(Self.isPathComponent) else { return nil }
        repository = components.joined(separator: "/")
    }

    /// `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`, docker's tag grammar.
    static func isTag(_ text: String) -> Bool {
        guard let first = text.first, text.count <= 128, first.isASCII, first.isLetter || first.isNumber || first == "_" else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }

    /// Lower-case letters and digits, separated by `.`, `_`, `__` or dashes: docker's path grammar.
    static func isPathComponent(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, first.isASCII, last.isASCII, first.isLowercase || first.isNumber,
            last.isLowercase || last.isNumber
        else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || "._-".contains($0) } && !text.contains("..")
    }

    /// What to ask the registry for: the digest when pinned, else the tag (`latest` by default).
    package var reference: String { digest ?? tag ?? "latest" }

    /// Whether the image is on Docker Hub, where a mirror may stand in.
    package var isDockerHub: Bool { registry == Self.dockerHub }

    /// Docker treats loopback registries as insecure (plain HTTP) without being told.
    package var isLoopback: Bool {
        let host = registry.split(separator: ":").first.map(String.init) ?? registry
        return host == "localhost" || host.hasPrefix("127.") || registry.hasPrefix("[::1]")
    }

    /// The same image pinned to a digest, keeping the tag for people to read (`nginx:1.27@sha256:…`).
    package func pinned(to digest: String) -> ImageReference {
        var pinned = self
        pinned.digest = digest
        return pinned
    }

    /// The canonical form, with registry and tag (`docker.io/library/nginx:latest`).
    package var description: String {
        var text = "\(registry)/\(repository)"
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        if tag == nil, digest == nil { text += ":latest" }
        return text
    }

    /// `image` with its tag replaced (`x-berth` `image_tag`), digest dropped; kept as text so a
    /// name that does not parse still gets the tag the user asked for.
    static func replacingTag(of image: String, with tag: String) -> String {
        "\(name(of: image)):\(tag)"
    }

    /// `image` pinned to `digest` as written (`nginx@sha256:…`): the tag is dropped because the
    /// digest alone decides what runs, and ECS documents `repository@digest`.
    package static func pinning(_ image: String, to digest: String) -> String {
        "\(name(of: image))@\(digest)"
    }

    /// The text before the tag and digest, registry port kept.
    private static func name(of image: String) -> Substring {
        var name = Substring(image)
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        let lastSlash = name.lastIndex(of: "/") ?? name.startIndex
        if let colon = name[lastSlash...].lastIndex(of: ":") { name = name[..<colon] }
        return name
    }
}
