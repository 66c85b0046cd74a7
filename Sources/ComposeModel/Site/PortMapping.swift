/// A container port, and the port it is published on if any. On Fargate a published port becomes
/// a load balancer listener forwarding to `target`; an unpublished one is reachable inside the
/// site only.
public struct PortMapping: Sendable, Codable, Equatable {
    public enum TransportProtocol: String, Sendable, Codable, Equatable {
        case tcp
        case udp
    }

    public var target: Int
    public var published: Int?
    public var hostIP: String?
    public var transport: TransportProtocol
    public var name: String?
    public var appProtocol: String?
    /// `x-aws-protocol` from Docker's ECS integration: `http`/`https` ask for an application load
    /// balancer listener, `tcp`/`udp`/`tls` for a network one.
    public var awsProtocol: String?
    public var location: SourceLocation?

    public init(
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

public struct ExposedPort: Sendable, Codable, Equatable {
    public var port: Int
    public var transport: PortMapping.TransportProtocol

    public init(port: Int, transport: PortMapping.TransportProtocol = .tcp) {
        self.port = port
        self.transport = transport
    }
}
