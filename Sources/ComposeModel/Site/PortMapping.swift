/// A container port, and the port it is published on if any. On Fargate a published port becomes
/// a load balancer listener forwarding to `target`; an unpublished one is reachable inside the
/// site only.
package struct PortMapping: Sendable, Codable, Equatable {
    package enum TransportProtocol: String, Sendable, Codable, Hashable {
        case tcp
        case udp
    }

    package var target: Int
    package var published: Int?
    package var hostIP: String?
    package var transport: TransportProtocol
    package var name: String?
    package var appProtocol: String?
    /// `x-aws-protocol` from Docker's ECS integration: `http`/`https` ask for an application load
    /// balancer listener, `tcp`/`udp`/`tls` for a network one.
    package var awsProtocol: String?
    package var location: SourceLocation?

    /// A container listening on 443 or 8443 (Caddy, Traefik) serves TLS with its own
    /// certificate, so a load balancer must pass the connection through (TCP) rather than speak
    /// plain HTTP to it; `x-aws-protocol` or an `http` app_protocol say otherwise.
    package var servesItsOwnTLS: Bool {
        awsProtocol == nil && transport == .tcp && appProtocol?.lowercased().hasPrefix("http") != true && [443, 8443].contains(target)
    }

    package init(
        target: Int, published: Int? = nil, hostIP: String? = nil, transport: TransportProtocol = .tcp,
        name: String? = nil, appProtocol: String? = nil, awsProtocol: String? = nil, location: SourceLocation? = nil
    ) {
        self.target = target
        self.published = published
        self.hostIP = hostIP
        self.transport = transport
        self.name = name
        self.appProtocol = appProtocol
        self.awsProtocol = awsProtocol
        self.location = location
    }
}

package struct ExposedPort: Sendable, Codable, Hashable {
    package var port: Int
    package var transport: PortMapping.TransportProtocol
    /// Where Berth found the port when the compose file does not declare it: the image's
    /// configuration (`image nginx:1.27`) or the build's Dockerfile (`Dockerfile`); nil for `expose:`.
    package var foundIn: String?

    package init(port: Int, transport: PortMapping.TransportProtocol = .tcp, foundIn: String? = nil) {
        self.port = port
        self.transport = transport
        self.foundIn = foundIn
    }
}
