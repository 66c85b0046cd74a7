import StackTemplates

/// One container of a `DesiredTaskDefinition`: a compose service, or the init container that
/// writes its files. Empty lists mean "not set": neither renderer writes them.
public struct DesiredContainer: Sendable, Equatable {
    public var name: String
    public var image: StackString
    /// `false` for init containers and members that run to completion: the task goes on
    /// without them.
    public var essential: Bool
    /// Compose's own value, kept as given (an empty list is a list).
    public var command: [String]?
    public var entryPoint: [String]?
    /// Sorted by name, so an unchanged file gives an unchanged definition.
    public var environment: [Variable] = []
    public var secrets: [Secret] = []
    public var portMappings: [PortMapping] = []
    public var mountPoints: [MountPoint] = []
    public var dependsOn: [Dependency] = []
    public var healthCheck: HealthCheck?
    public var logConfiguration: LogConfiguration
    public var user: String?
    public var workingDirectory: String?
    public var ulimits: [Ulimit] = []
    public var stopTimeout: Int?
    public var readonlyRootFilesystem = false
    /// Runs an init process (tini) as PID 1, as compose's `init: true`.
    public var initProcessEnabled = false
    /// A Secrets Manager ARN with a private registry's credentials.
    public var repositoryCredentials: String?

    public init(
        name: String, image: StackString, essential: Bool, command: [String]? = nil, entryPoint: [String]? = nil,
        logConfiguration: LogConfiguration
    ) {
        self.name = name
        self.image = image
        self.essential = essential
        self.command = command
        self.entryPoint = entryPoint
        self.logConfiguration = logConfiguration
    }

    public struct Variable: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// An environment variable ECS fills from Secrets Manager or Parameter Store at start.
    public struct Secret: Sendable, Equatable {
        public var name: String
        /// The ARN of the secret or parameter, with `:key::` for one JSON key of a secret.
        public var valueFrom: StackString

        public init(name: String, valueFrom: StackString) {
            self.name = name
            self.valueFrom = valueFrom
        }
    }

    public struct PortMapping: Sendable, Equatable {
        public var containerPort: Int
        /// `tcp` or `udp`.
        public var `protocol`: String
        /// Service Connect refers to the port by this name.
        public var name: String

        public init(containerPort: Int, protocol: String, name: String) {
            self.containerPort = containerPort
            self.protocol = `protocol`
            self.name = name
        }
    }

    public struct MountPoint: Sendable, Equatable {
        public var sourceVolume: String
        public var containerPath: String
        public var readOnly: Bool

        public init(sourceVolume: String, containerPath: String, readOnly: Bool) {
            self.sourceVolume = sourceVolume
            self.containerPath = containerPath
            self.readOnly = readOnly
        }
    }

    public struct Dependency: Sendable, Equatable {
        public var containerName: String
        /// `START`, `HEALTHY` or `SUCCESS`.
        public var condition: String

        public init(containerName: String, condition: String) {
            self.containerName = containerName
            self.condition = condition
        }
    }

    /// Seconds throughout, already within the ranges ECS accepts.
    public struct HealthCheck: Sendable, Equatable {
        public var command: [String]
        public var interval: Int
        public var timeout: Int
        public var retries: Int
        public var startPeriod: Int

        public init(command: [String], interval: Int, timeout: Int, retries: Int, startPeriod: Int) {
            self.command = command
            self.interval = interval
            self.timeout = timeout
            self.retries = retries
            self.startPeriod = startPeriod
        }
    }

    /// A log driver and its options. The options are keyed by the driver's own names
    /// (`awslogs-group`), which both renderers write as they are.
    public struct LogConfiguration: Sendable, Equatable {
        public var driver: String
        public var options: [String: StackString]

        public init(driver: String, options: [String: StackString]) {
            self.driver = driver
            self.options = options
        }
    }

    public struct Ulimit: Sendable, Equatable {
        public var name: String
        public var softLimit: Int
        public var hardLimit: Int

        public init(name: String, softLimit: Int, hardLimit: Int) {
            self.name = name
            self.softLimit = softLimit
            self.hardLimit = hardLimit
        }
    }
}
