/// A top-level `configs` entry.
public struct ConfigDefinition: Sendable, Codable, Equatable {
    public var name: String
    public var location: SourceLocation?
    public var source: ContentSource

    public init(name: String, location: SourceLocation? = nil, source: ContentSource) {
        self.name = name
        self.location = location
        self.source = source
    }
}

/// A top-level `secrets` entry. On AWS each becomes a Secrets Manager secret; `x-aws-keys` picks
/// JSON keys out of it as separate files.
public struct SecretDefinition: Sendable, Codable, Equatable {
    public var name: String
    public var location: SourceLocation?
    public var source: ContentSource
    /// `x-aws-keys`, from Docker's ECS integration.
    public var awsKeys: [String]

    public init(name: String, location: SourceLocation? = nil, source: ContentSource, awsKeys: [String] = []) {
        self.name = name
        self.location = location
        self.source = source
        self.awsKeys = awsKeys
    }
}

/// Where the bytes of a config or secret come from.
public struct ContentSource: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable {
        /// A file relative to the project directory.
        case file
        /// Inline text (`content:`).
        case content
        /// An environment variable of the machine running Berth (`environment:`).
        case environment
        /// Already exists on the platform (`external: true`); `value` is its name or ARN.
        case external
    }

    public var kind: Kind
    public var value: String

    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// For a file, its absolute path: joined onto the project directory as the loader did when it
    /// checked the file, so the reader and the loader never disagree about which file it is.
    public func path(in project: String) -> String? {
        kind == .file ? FilePath.resolve(value, against: project) : nil
    }
}

/// A file placed in a container: a compose `configs` reference, or a bind-mounted single file such
/// as `./nginx.conf:/etc/nginx/nginx.conf:ro`, which the deploy step ships the same way.
public struct ServiceConfigFile: Sendable, Codable, Equatable {
    public enum Origin: String, Sendable, Codable, Equatable {
        case config
        case bindMount
    }

    public var origin: Origin
    /// The top-level config's name, for `.config`.
    public var configName: String?
    public var source: ContentSource
    /// Absolute path inside the container.
    public var target: String
    public var mode: String?
    public var uid: String?
    public var gid: String?
    public var location: SourceLocation?

    public init(
        origin: Origin, configName: String? = nil, source: ContentSource, target: String, mode: String? = nil, uid: String? = nil, gid: String? = nil,
        location: SourceLocation? = nil
    ) {
        self.origin = origin
        self.configName = configName
        self.source = source
        self.target = target
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.location = location
    }
}

public struct ServiceSecret: Sendable, Codable, Equatable {
    public var source: String
    /// Defaults to `/run/secrets/<source>`.
    public var target: String
    public var mode: String?
    public var uid: String?
    public var gid: String?
    public var location: SourceLocation?

    public init(source: String, target: String, mode: String? = nil, uid: String? = nil, gid: String? = nil, location: SourceLocation? = nil) {
        self.source = source
        self.target = target
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.location = location
    }
}
