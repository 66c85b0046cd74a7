/// What Berth needs from an image's configuration: the ports it declares (`EXPOSE` in its
/// Dockerfile, `ExposedPorts` in the config blob), the user it runs as, and the digest the
/// reference pointed to when it was read.
package struct ImageConfig: Sendable, Codable, Equatable {
    package struct Port: Sendable, Codable, Hashable, Comparable {
        package var number: Int
        /// `tcp` or `udp`.
        package var transport: String

        package init(number: Int, transport: String = "tcp") {
            self.number = number
            self.transport = transport
        }

        /// `80/tcp`, `53/udp` or `8080` as in `ExposedPorts` and `EXPOSE`; nil for anything else.
        package init?(_ text: String) {
            let parts = text.lowercased().split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let number = Int(parts[0]), (1...65535).contains(number) else { return nil }
            let transport = parts.count == 2 ? String(parts[1]) : "tcp"
            guard ["tcp", "udp", "sctp"].contains(transport) else { return nil }
            self.init(number: number, transport: transport)
        }

        package static func < (lhs: Port, rhs: Port) -> Bool { (lhs.number, lhs.transport) < (rhs.number, rhs.transport) }
    }

    package var exposedPorts: [Port]
    /// `User` of the config (`"1000"`, `"node"`, `"999:999"`); nil when the image runs as root.
    package var user: String?
    /// The digest of what the reference named: the index for a multi-platform image, so that a
    /// pinned reference still lets ECS pick the platform.
    package var digest: String

    package init(exposedPorts: [Port], user: String? = nil, digest: String) {
        self.exposedPorts = exposedPorts.sorted()
        self.user = user
        self.digest = digest
    }
}
