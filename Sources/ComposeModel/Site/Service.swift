/// One compose service; Berth runs each as a container of its own ECS service, or of a shared one
/// when services name the same `x-berth` `task` (`Site.tasks`).
public struct Service: Sendable, Codable, Equatable {
    public var name: String
    public var location: SourceLocation?
    /// The image to run; for a service with `build`, the name to tag the built image with.
    public var image: String?
    public var build: BuildSettings?
    /// Exec form; compose's shell-form string is split into words as compose does.
    public var command: [String]?
    public var entrypoint: [String]?
    public var environment: [NamedValue]
    public var envFiles: [EnvFileReference]
    public var ports: [PortMapping]
    /// Ports reachable only inside the site (`expose`), e.g. a database's 5432.
    public var expose: [ExposedPort]
    /// Named volumes, anonymous volumes and tmpfs mounts; bind-mounted files are in `configFiles`.
    public var mounts: [VolumeMount]
    /// Files placed into the container: compose `configs` and bind-mounted single files.
    public var configFiles: [ServiceConfigFile]
    public var secrets: [ServiceSecret]
    public var dependencies: [ServiceDependency]
    public var healthCheck: HealthCheck?
    public var replicas: Int
    /// What the file asked for (`deploy.resources`, `cpus`, `mem_limit`, `x-berth`); `fargateSize`
    /// is the smallest Fargate size that satisfies it.
    public var resources: ResourceRequest
    public var fargateSize: FargateSize
    public var user: String?
    public var workingDirectory: String?
    public var readOnlyRootFilesystem: Bool
    public var initProcess: Bool
    /// Seconds to wait after SIGTERM before SIGKILL; ECS calls this `stopTimeout`.
    public var stopGracePeriod: Double?
    public var stopSignal: String?
    public var capAdd: [String]
    public var capDrop: [String]
    public var ulimits: [Ulimit]
    public var labels: [NamedValue]
    public var logging: LoggingSettings?
    public var profiles: [String]
    public var platform: String?
    public var aws: ServiceAWSSettings
    /// The service's `x-berth` block, with the chosen environment's overrides applied after
    /// `Site.resolved(environmentName:)`.
    public var berth: BerthServiceSettings

    public init(name: String, location: SourceLocation? = nil, image: String? = nil) {
        self.name = name
        self.location = location
        self.image = image
        self.environment = []
        self.envFiles = []
        self.ports = []
        self.expose = []
        self.mounts = []
        self.configFiles = []
        self.secrets = []
        self.dependencies = []
        self.replicas = 1
        self.resources = ResourceRequest()
        self.fargateSize = .smallest
        self.readOnlyRootFilesystem = false
        self.initProcess = false
        self.capAdd = []
        self.capDrop = []
        self.ulimits = []
        self.labels = []
        self.profiles = []
        self.aws = ServiceAWSSettings()
        self.berth = BerthServiceSettings()
    }

    /// Whether the service is reachable from outside: it publishes a port or has a domain.
    public var isPublic: Bool { ports.contains { $0.published != nil } || berth.domain != nil }

    /// The image reference to deploy, with `x-berth` `image_tag` replacing the tag if given.
    public var deployedImage: String? {
        guard let image else { return nil }
        guard let tag = berth.imageTag else { return image }
        return ImageReference.replacingTag(of: image, with: tag)
    }
}

/// A name with an optional value, for environment variables, labels and build args; nil means
/// "declared without a value".
public struct NamedValue: Sendable, Codable, Equatable {
    public var name: String
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

public struct BuildSettings: Sendable, Codable, Equatable {
    /// Relative to the project directory, or a Git/HTTP URL.
    public var context: String
    public var dockerfile: String?
    public var args: [NamedValue]
    public var target: String?
    public var platforms: [String]

    public init(context: String, dockerfile: String? = nil, args: [NamedValue] = [], target: String? = nil, platforms: [String] = []) {
        self.context = context
        self.dockerfile = dockerfile
        self.args = args
        self.target = target
        self.platforms = platforms
    }
}

public struct EnvFileReference: Sendable, Codable, Equatable {
    public var path: String
    public var required: Bool

    public init(path: String, required: Bool = true) {
        self.path = path
        self.required = required
    }
}

public struct Ulimit: Sendable, Codable, Equatable {
    public var name: String
    public var soft: Int
    public var hard: Int

    public init(name: String, soft: Int, hard: Int) {
        self.name = name
        self.soft = soft
        self.hard = hard
    }
}

public struct LoggingSettings: Sendable, Codable, Equatable {
    public var driver: String?
    public var options: [NamedValue]

    public init(driver: String? = nil, options: [NamedValue] = []) {
        self.driver = driver
        self.options = options
    }
}

/// CPU and memory as requested, before rounding to a Fargate size.
public struct ResourceRequest: Sendable, Codable, Equatable {
    /// vCPUs, e.g. 0.5.
    public var cpus: Double?
    /// An exact Fargate CPU value in units (1024 = 1 vCPU) from `x-berth` `cpu`.
    public var cpuUnits: Int?
    public var memoryMiB: Int?

    public init(cpus: Double? = nil, cpuUnits: Int? = nil, memoryMiB: Int? = nil) {
        self.cpus = cpus
        self.cpuUnits = cpuUnits
        self.memoryMiB = memoryMiB
    }
}
