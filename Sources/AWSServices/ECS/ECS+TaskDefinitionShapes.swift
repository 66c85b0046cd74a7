import AWSRuntime
import Foundation

// Task definition shapes: the same types are sent to RegisterTaskDefinition and read back from
// DescribeTaskDefinition, so a desired definition compares directly with the registered one.

extension ECSClient {
    public struct Tag: Codable, Sendable, Equatable {
        public var key: String
        public var value: String
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    public struct KeyValuePair: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// An environment variable filled from Secrets Manager or SSM Parameter Store (`valueFrom` is an ARN).
    public struct Secret: Codable, Sendable, Equatable {
        public var name: String
        public var valueFrom: String
        public init(name: String, valueFrom: String) {
            self.name = name
            self.valueFrom = valueFrom
        }
    }

    public struct PortMapping: Codable, Sendable, Equatable {
        public var containerPort: Int?
        public var hostPort: Int?
        /// `tcp` or `udp`.
        public var `protocol`: String?
        /// Service Connect refers to the port by this name.
        public var name: String?
        /// `http`, `http2` or `grpc`.
        public var appProtocol: String?
        public init(containerPort: Int, hostPort: Int? = nil, protocol: String? = nil, name: String? = nil, appProtocol: String? = nil) {
            self.containerPort = containerPort
            self.hostPort = hostPort
            self.protocol = `protocol`
            self.name = name
            self.appProtocol = appProtocol
        }
    }

    public struct MountPoint: Codable, Sendable, Equatable {
        public var sourceVolume: String?
        public var containerPath: String?
        public var readOnly: Bool?
        public init(sourceVolume: String, containerPath: String, readOnly: Bool? = nil) {
            self.sourceVolume = sourceVolume
            self.containerPath = containerPath
            self.readOnly = readOnly
        }
    }

    public struct VolumeFrom: Codable, Sendable, Equatable {
        public var sourceContainer: String?
        public var readOnly: Bool?
        public init(sourceContainer: String, readOnly: Bool? = nil) {
            self.sourceContainer = sourceContainer
            self.readOnly = readOnly
        }
    }

    public struct ContainerDependency: Codable, Sendable, Equatable {
        public var containerName: String
        /// `START`, `COMPLETE`, `SUCCESS` or `HEALTHY`.
        public var condition: String
        public init(containerName: String, condition: String) {
            self.containerName = containerName
            self.condition = condition
        }
    }

    /// Seconds throughout; `command` is e.g. `["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`.
    public struct HealthCheck: Codable, Sendable, Equatable {
        public var command: [String]
        public var interval: Int?
        public var timeout: Int?
        public var retries: Int?
        public var startPeriod: Int?
        public init(command: [String], interval: Int? = nil, timeout: Int? = nil, retries: Int? = nil, startPeriod: Int? = nil) {
            self.command = command
            self.interval = interval
            self.timeout = timeout
            self.retries = retries
            self.startPeriod = startPeriod
        }
    }

    /// `logDriver` is `awslogs` for Berth, with `awslogs-group`, `awslogs-region`, `awslogs-stream-prefix`.
    public struct LogConfiguration: Codable, Sendable, Equatable {
        public var logDriver: String
        public var options: [String: String]?
        public init(logDriver: String, options: [String: String]? = nil) {
            self.logDriver = logDriver
            self.options = options
        }
    }

    public struct Ulimit: Codable, Sendable, Equatable {
        public var name: String
        public var softLimit: Int
        public var hardLimit: Int
        public init(name: String, softLimit: Int, hardLimit: Int) {
            self.name = name
            self.softLimit = softLimit
            self.hardLimit = hardLimit
        }
    }

    public struct LinuxParameters: Codable, Sendable, Equatable {
        public var initProcessEnabled: Bool?
        public init(initProcessEnabled: Bool? = nil) {
            self.initProcessEnabled = initProcessEnabled
        }
    }

    public struct ContainerDefinition: Codable, Sendable, Equatable {
        public var name: String?
        public var image: String?
        public var essential: Bool?
        public var command: [String]?
        public var entryPoint: [String]?
        public var environment: [KeyValuePair]?
        public var secrets: [Secret]?
        public var portMappings: [PortMapping]?
        public var mountPoints: [MountPoint]?
        public var volumesFrom: [VolumeFrom]?
        public var dependsOn: [ContainerDependency]?
        public var healthCheck: HealthCheck?
        public var logConfiguration: LogConfiguration?
        public var user: String?
        public var workingDirectory: String?
        public var ulimits: [Ulimit]?
        public var stopTimeout: Int?
        public var readonlyRootFilesystem: Bool?
        public var linuxParameters: LinuxParameters?
        /// Container-level memory limit and reservation in MiB.
        public var memory: Int?
        public var memoryReservation: Int?
        public var cpu: Int?
        public var repositoryCredentials: RepositoryCredentials?

        public init(
            name: String, image: String, essential: Bool? = nil, command: [String]? = nil, entryPoint: [String]? = nil,
            environment: [KeyValuePair]? = nil, secrets: [Secret]? = nil, portMappings: [PortMapping]? = nil,
            mountPoints: [MountPoint]? = nil, volumesFrom: [VolumeFrom]? = nil, dependsOn: [ContainerDependency]? = nil,
            healthCheck: HealthCheck? = nil, logConfiguration: LogConfiguration? = nil, user: String? = nil,
            workingDirectory: String? = nil, ulimits: [Ulimit]? = nil, stopTimeout: Int? = nil, readonlyRootFilesystem: Bool? = nil,
            linuxParameters: LinuxParameters? = nil, memory: Int? = nil, memoryReservation: Int? = nil, cpu: Int? = nil,
            repositoryCredentials: RepositoryCredentials? = nil
        ) {
            self.repositoryCredentials = repositoryCredentials
            self.name = name
            self.image = image
            self.essential = essential
            self.command = command
            self.entryPoint = entryPoint
            self.environment = environment
            self.secrets = secrets
            self.portMappings = portMappings
            self.mountPoints = mountPoints
            self.volumesFrom = volumesFrom
            self.dependsOn = dependsOn
            self.healthCheck = healthCheck
            self.logConfiguration = logConfiguration
            self.user = user
            self.workingDirectory = workingDirectory
            self.ulimits = ulimits
            self.stopTimeout = stopTimeout
            self.readonlyRootFilesystem = readonlyRootFilesystem
            self.linuxParameters = linuxParameters
            self.memory = memory
            self.memoryReservation = memoryReservation
            self.cpu = cpu
        }
    }

    public struct EFSAuthorizationConfig: Codable, Sendable, Equatable {
        public var accessPointId: String?
        /// `ENABLED` or `DISABLED`.
        public var iam: String?
        public init(accessPointId: String?, iam: String? = "ENABLED") {
            self.accessPointId = accessPointId
            self.iam = iam
        }
    }

    public struct EFSVolumeConfiguration: Codable, Sendable, Equatable {
        public var fileSystemId: String
        public var rootDirectory: String?
        /// `ENABLED` or `DISABLED`; IAM authorization needs `ENABLED`.
        public var transitEncryption: String?
        public var authorizationConfig: EFSAuthorizationConfig?
        public init(
            fileSystemId: String, rootDirectory: String? = nil, transitEncryption: String? = "ENABLED",
            authorizationConfig: EFSAuthorizationConfig? = nil
        ) {
            self.fileSystemId = fileSystemId
            self.rootDirectory = rootDirectory
            self.transitEncryption = transitEncryption
            self.authorizationConfig = authorizationConfig
        }
    }

    /// `X86_64` or `ARM64` on `LINUX`.
    public struct RuntimePlatform: Codable, Sendable, Equatable {
        public var cpuArchitecture: String
        public var operatingSystemFamily: String
        public init(cpuArchitecture: String, operatingSystemFamily: String = "LINUX") {
            self.cpuArchitecture = cpuArchitecture
            self.operatingSystemFamily = operatingSystemFamily
        }
    }

    /// A Secrets Manager secret with the credentials of a private registry (`x-aws-pull_credentials`).
    public struct RepositoryCredentials: Codable, Sendable, Equatable {
        public var credentialsParameter: String
        public init(credentialsParameter: String) {
            self.credentialsParameter = credentialsParameter
        }
    }

    /// A task volume: EFS when `efsVolumeConfiguration` is set, else an ephemeral (task-scoped) volume.
    public struct Volume: Codable, Sendable, Equatable {
        public var name: String?
        public var efsVolumeConfiguration: EFSVolumeConfiguration?
        public init(name: String, efsVolumeConfiguration: EFSVolumeConfiguration? = nil) {
            self.name = name
            self.efsVolumeConfiguration = efsVolumeConfiguration
        }
    }

    /// The input of RegisterTaskDefinition. `cpu` and `memory` are strings on the wire (`"256"`, `"512"`).
    public struct TaskDefinitionSpec: Encodable, Sendable, Equatable {
        public var family: String
        public var taskRoleArn: String?
        public var executionRoleArn: String?
        public var networkMode: String?
        public var requiresCompatibilities: [String]?
        public var cpu: String?
        public var memory: String?
        public var containerDefinitions: [ContainerDefinition]
        public var volumes: [Volume]?
        public var runtimePlatform: RuntimePlatform?
        public var tags: [Tag]?

        public init(
            family: String, taskRoleArn: String? = nil, executionRoleArn: String? = nil, networkMode: String? = "awsvpc",
            requiresCompatibilities: [String]? = ["FARGATE"], cpu: String?, memory: String?, containerDefinitions: [ContainerDefinition],
            volumes: [Volume]? = nil, runtimePlatform: RuntimePlatform? = nil, tags: [Tag]? = nil
        ) {
            self.runtimePlatform = runtimePlatform
            self.family = family
            self.taskRoleArn = taskRoleArn
            self.executionRoleArn = executionRoleArn
            self.networkMode = networkMode
            self.requiresCompatibilities = requiresCompatibilities
            self.cpu = cpu
            self.memory = memory
            self.containerDefinitions = containerDefinitions
            self.volumes = volumes
            self.tags = tags
        }
    }

    /// A registered revision as DescribeTaskDefinition returns it.
    public struct TaskDefinition: Decodable, Sendable, Equatable {
        public var taskDefinitionArn: String
        public var family: String
        public var revision: Int
        public var status: TaskDefinitionStatus?
        public var taskRoleArn: String?
        public var executionRoleArn: String?
        public var networkMode: String?
        public var requiresCompatibilities: [String]?
        public var cpu: String?
        public var memory: String?
        public var containerDefinitions: [ContainerDefinition]?
        public var volumes: [Volume]?
        public var registeredAt: Date?
    }

    struct RegisterTaskDefinitionOutput: Decodable {
        var taskDefinition: TaskDefinition
        var tags: [Tag]?
    }

    struct DescribeTaskDefinitionInput: Encodable {
        var taskDefinition: String
        var include: [String]?
    }

    /// A revision and its tags (DescribeTaskDefinition with `include: [TAGS]`).
    public struct DescribedTaskDefinition: Decodable, Sendable, Equatable {
        public var taskDefinition: TaskDefinition
        public var tags: [Tag]?
    }

    struct ListTaskDefinitionsInput: Encodable {
        var familyPrefix: String?
        var status: TaskDefinitionStatus?
        var sort: String?
        var nextToken: String?
    }

    struct ListTaskDefinitionsOutput: Decodable {
        var taskDefinitionArns: [String]?
        var nextToken: String?
    }

    struct TaskDefinitionInput: Encodable {
        var taskDefinition: String
    }

    struct TaskDefinitionOutput: Decodable {
        var taskDefinition: TaskDefinition
    }

    struct DeleteTaskDefinitionsInput: Encodable {
        var taskDefinitions: [String]
    }

    /// A resource ECS could not act on, e.g. `reason: "MISSING"` for a service that does not exist.
    public struct Failure: Decodable, Sendable, Equatable {
        public var arn: String?
        public var reason: String?
        public var detail: String?
    }

    public struct DeleteTaskDefinitionsOutput: Decodable, Sendable, Equatable {
        public var taskDefinitions: [TaskDefinition]?
        public var failures: [Failure]?
    }
}
