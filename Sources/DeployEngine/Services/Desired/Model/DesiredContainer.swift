import StackTemplates

/// One container of a `DesiredTaskDefinition`: a compose service, or the init container that
/// writes its files. Empty lists mean "not set": neither renderer writes them.
package struct DesiredContainer: Sendable, Equatable {
    package var name: String
    package var image: StackString
    /// `false` for init containers and members that run to completion: the task goes on
    /// without them.
    package var essential: Bool
    /// Compose's own value, kept as given (an empty list is a list).
    package var command: [String]?
    package var entryPoint: [String]?
    /// Sorted by name, so an unchanged file gives an unchanged definition.
    package var environment: [Variable] = []
    package var secrets: [Secret] = []
    package var portMappings: [PortMapping] = []
    package var mountPoints: [MountPoint] = []
    package var dependsOn: [Dependency] = []
    package var healthCheck: HealthCheck?
    package var logConfiguration: LogConfiguration
    package var user: String?
    package var workingDirectory: String?
    package var ulimits: [Ulimit] = []
    package var stopTimeout: Int?
    /// How long the containers that depend on this one wait for its condition, in seconds.
    package var startTimeout: Int?
    package var readonlyRootFilesystem = false
    /// Runs an init process (tini) as PID 1, as compose's `init: true`.
    package var initProcessEnabled = false
    /// A Secrets Manager ARN with a private registry's credentials.
    package var repositoryCredentials: String?

    package init(
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

    package struct Variable: Sendable, Equatable {
        package var name: String
        package var value: String

        package init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// An environment variable ECS fills from Secrets Manager or Parameter Store at start.
    package struct Secret: Sendable, Equatable {
        package var name: String
        /// The ARN of the secret or parameter, with `:key::` for one JSON key of a secret.
        package var valueFrom: StackString

        package init(name: String, valueFrom: StackString) {
            self.name = name
            self.valueFrom = valueFrom
        }
    }

    package struct PortMapping: Sendable, Equatable {
        package var containerPort: Int
        /// `tcp` or `udp`.
        package var `protocol`: String
        /// Service Connect refers to the port by this name.
        package var name: String

        package init(containerPort: Int, protocol: String, name: String) {
            self.containerPort = containerPort
            self.protocol = `protocol`
            self.name = name
        }
    }

    package struct MountPoint: Sendable, Equatable {
        package var sourceVolume: String
        package var containerPath: String
        package var readOnly: Bool

        package init(sourceVolume: String, containerPath: String, readOnly: Bool) {
            self.sourceVolume = sourceVolume
            self.containerPath = containerPath
            self.readOnly = readOnly
        }
    }

    package struct Dependency: Sendable, Equatable {
        package var containerName: String
        /// `START`, `HEALTHY` or `SUCCESS`.
        package var condition: String

        package init(containerName: String, condition: String) {
            self.containerName = containerName
            self.condition = condition
        }
    }

    /// Seconds throughout, already within the ranges ECS accepts.
    package struct HealthCheck: Sendable, Equatable {
        package var command: [String]
        package var interval: Int
        package var timeout: Int
        package var retries: Int
        package var startPeriod: Int

        package init(command: [String], interval: Int, timeout: Int, retries: Int, startPeriod: Int) {
            self.command = command
            self.interval = interval
            self.timeout = timeout
            self.retries = retries
            self.startPeriod = startPeriod
        }
    }

    /// A log driver and its options. The options are keyed by the driver's own names
    /// (`awslogs-group`), which both renderers write as they are.
    package struct LogConfiguration: Sendable, Equatable {
        package var driver: String
        package var options: [String: StackString]

        package init(driver: String, options: [String: StackString]) {
            self.driver = driver
            self.options = options
        }
    }

    package struct Ulimit: Sendable, Equatable {
        package var name: String
        package var softLimit: Int
        package var hardLimit: Int

        package init(name: String, softLimit: Int, hardLimit: Int) {
            self.name = name
            self.softLimit = softLimit
            self.hardLimit = hardLimit
        }
    }
}
