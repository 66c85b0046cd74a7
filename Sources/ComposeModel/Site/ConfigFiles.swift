/// A top-level `configs` entry.
package struct ConfigDefinition: Sendable, Codable, Equatable {
    package var name: String
    package var location: SourceLocation?
    package var source: ContentSource

    package init(name: String, location: SourceLocation? = nil, source: ContentSource) {
        self.name = name
        self.location = location
        self.source = source
    }
}

/// A top-level `secrets` entry. On AWS each becomes a Secrets Manager secret; `x-aws-keys` picks
/// JSON keys out of it as separate files.
package struct SecretDefinition: Sendable, Codable, Equatable {
    package var name: String
    package var location: SourceLocation?
    package var source: ContentSource
    /// `x-aws-keys`, from Docker's ECS integration.
    package var awsKeys: [String]

    package init(name: String, location: SourceLocation? = nil, source: ContentSource, awsKeys: [String] = []) {
        self.name = name
        self.location = location
        self.source = source
        self.awsKeys = awsKeys
    }
}

/// Where the bytes of a config or secret come from.
package struct ContentSource: Sendable, Codable, Equatable {
    package enum Kind: String, Sendable, Codable, Equatable {
        /// A file relative to the project directory.
        case file
        /// Inline text (`content:`).
        case content
        /// An environment variable of the machine running Berth (`environment:`).
        case environment
        /// Already exists on the platform (`external: true`); `value` is its name or ARN.
        case external
    }

    package var kind: Kind
    package var value: String

    package init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// For a file, its absolute path: joined onto the project directory as the loader did when it
    /// checked the file, so the reader and the loader never disagree about which file it is.
    package func path(in project: String) -> String? {
        kind == .file ? FilePath.resolve(value, against: project) : nil
    }
}

/// A file placed in a container: a compose `configs` reference, or a bind-mounted single file such
/// as `./nginx.conf:/etc/nginx/nginx.conf:ro`, which the deploy step ships the same way.
package struct ServiceConfigFile: Sendable, Codable, Equatable {
    package enum Origin: String, Sendable, Codable, Equatable {
        case config
        case bindMount
    }

    package var origin: Origin
    /// The top-level config's name, for `.config`.
    package var configName: String?
    package var source: ContentSource
    /// Absolute path inside the container.
    package var target: String
    package var mode: String?
    package var uid: String?
    package var gid: String?
    package var location: SourceLocation?

    package init(
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

package struct ServiceSecret: Sendable, Codable, Equatable {
    package var source: String
    /// Defaults to `/run/secrets/<source>`.
    package var target: String
    package var mode: String?
    package var uid: String?
    package var gid: String?
    package var location: SourceLocation?

    package init(source: String, target: String, mode: String? = nil, uid: String? = nil, gid: String? = nil, location: SourceLocation? = nil) {
        self.source = source
        self.target = target
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.location = location
    }
}
