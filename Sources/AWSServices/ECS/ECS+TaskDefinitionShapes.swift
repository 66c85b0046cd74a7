import AWSRuntime
import Foundation

// Task definition shapes: the same types are sent to RegisterTaskDefinition and read back from
// DescribeTaskDefinition, so a desired definition compares directly with the registered one.

extension ECSClient {
    package struct Tag: Codable, Sendable, Equatable {
        package var key: String
        package var value: String
        package init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    package struct KeyValuePair: Codable, Sendable, Equatable {
        package var name: String
        package var value: String
        package init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// An environment variable filled from Secrets Manager or SSM Parameter Store (`valueFrom` is an ARN).
    package struct Secret: Codable, Sendable, Equatable {
        package var name: String
        package var valueFrom: String
        package init(name: String, valueFrom: String) {
            self.name = name
            self.valueFrom = valueFrom
        }
    }

    package struct PortMapping: Codable, Sendable, Equatable {
        package var containerPort: Int?
        package var hostPort: Int?
        /// `tcp` or `udp`.
        package var `protocol`: String?
        /// Service Connect refers to the port by this name.
        package var name: String?
        /// `http`, `http2` or `grpc`.
        package var appProtocol: String?
        package init(containerPort: Int, hostPort: Int? = nil, protocol: String? = nil, name: String? = nil, appProtocol: String? = nil) {
            self.containerPort = containerPort
            self.hostPort = hostPort
            self.protocol = `protocol`
            self.name = name
            self.appProtocol = appProtocol
        }
    }

    package struct MountPoint: Codable, Sendable, Equatable {
        package var sourceVolume: String?
        package var containerPath: String?
        package var readOnly: Bool?
        package init(sourceVolume: String, containerPath: String, readOnly: Bool? = nil) {
            self.sourceVolume = sourceVolume
            self.containerPath = containerPath
            self.readOnly = readOnly
        }
    }

    package struct VolumeFrom: Codable, Sendable, Equatable {
        package var sourceContainer: String?
        package var readOnly: Bool?
        package init(sourceContainer: String, readOnly: Bool? = nil) {
            self.sourceContainer = sourceContainer
            self.readOnly = readOnly
        }
    }

    package struct ContainerDependency: Codable, Sendable, Equatable {
        package var containerName: String
        /// `START`, `COMPLETE`, `SUCCESS` or `HEALTHY`.
        package var condition: String
        package init(containerName: String, condition: String) {
            self.containerName = containerName
            self.condition = condition
        }
    }

    /// Seconds throughout; `command` is e.g. `["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`.
    package struct HealthCheck: Codable, Sendable, Equatable {
        package var command: [String]
        package var interval: Int?
        package var timeout: Int?
        package var retries: Int?
        package var startPeriod: Int?
        package init(command: [String], interval: Int? = nil, timeout: Int? = nil, retries: Int? = nil, startPeriod: Int? = nil) {
            self.command = command
            self.interval = interval
            self.timeout = timeout
            self.retries = retries
            self.startPeriod = startPeriod
        }
    }

    /// `logDriver` is `awslogs` for Berth, with `awslogs-group`, `awslogs-region`, `awslogs-stream-prefix`.
    package struct LogConfiguration: Codable, Sendable, Equatable {
        package var logDriver: String
        package var options: [String: String]?
        package init(logDriver: String, options: [String: String]? = nil) {
            self.logDriver = logDriver
            self.options = options
        }
    }

    package struct Ulimit: Codable, Sendable, Equatable {
        package var name: String
        package var softLimit: Int
        package var hardLimit: Int
        package init(name: String, softLimit: Int, hardLimit: Int) {
            self.name = name
            self.softLimit = softLimit
            self.hardLimit = hardLimit
        }
    }

    package struct LinuxParameters: Codable, Sendable, Equatable {
        package var initProcessEnabled: Bool?
        package init(initProcessEnabled: Bool? = nil) {
            self.initProcessEnabled = initProcessEnabled
        }
    }

    package struct ContainerDefinition: Codable, Sendable, Equatable {
        package var name: String?
        package var image: String?
        package var essential: Bool?
        package var command: [String]?
        package var entryPoint: [String]?
        package var environment: [KeyValuePair]?
        package var secrets: [Secret]?
        package var portMappings: [PortMapping]?
        package var mountPoints: [MountPoint]?
        package var volumesFrom: [VolumeFrom]?
        package var dependsOn: [ContainerDependency]?
        package var healthCheck: HealthCheck?
        package var logConfiguration: LogConfiguration?
        package var user: String?
        package var workingDirectory: String?
        package var ulimits: [Ulimit]?
        package var stopTimeout: Int?
        /// Seconds a container that depends on this one waits for it (Fargate: at most 120).
        package var startTimeout: Int?
        package var readonlyRootFilesystem: Bool?
        package var linuxParameters: LinuxParameters?
        /// Container-level memory limit and reservation in MiB.
        package var memory: Int?
        package var memoryReservation: Int?
        package var cpu: Int?
        package var repositoryCredentials: RepositoryCredentials?

        package init(
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

    package struct EFSAuthorizationConfig: Codable, Sendable, Equatable {
        package var accessPointId: String?
        /// `ENABLED` or `DISABLED`.
        package var iam: String?
        package init(accessPointId: String?, iam: String? = "ENABLED") {
            self.accessPointId = accessPointId
            self.iam = iam
        }
    }

    package struct EFSVolumeConfiguration: Codable, Sendable, Equatable {
        package var fileSystemId: String
        package var rootDirectory: String?
        /// `ENABLED` or `DISABLED`; IAM authorization needs `ENABLED`.
        package var transitEncryption: String?
        package var authorizationConfig: EFSAuthorizationConfig?
        package init(
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
    package struct RuntimePlatform: Codable, Sendable, Equatable {
        package var cpuArchitecture: String
        package var operatingSystemFamily: String
        package init(cpuArchitecture: String, operatingSystemFamily: String = "LINUX") {
            self.cpuArchitecture = cpuArchitecture
            self.operatingSystemFamily = operatingSystemFamily
        }
    }

    /// A Secrets Manager secret with the credentials of a private registry (`x-aws-pull_credentials`).
    package struct RepositoryCredentials: Codable, Sendable, Equatable {
        package var credentialsParameter: String
        package init(credentialsParameter: String) {
            self.credentialsParameter = credentialsParameter
        }
    }

    /// A task volume: EFS when `efsVolumeConfiguration` is set, else an ephemeral (task-scoped) volume.
    package struct Volume: Codable, Sendable, Equatable {
        package var name: String?
        package var efsVolumeConfiguration: EFSVolumeConfiguration?
        package init(name: String, efsVolumeConfiguration: EFSVolumeConfiguration? = nil) {
            self.name = name
            self.efsVolumeConfiguration = efsVolumeConfiguration
        }
    }

    /// The input of RegisterTaskDefinition. `cpu` and `memory` are strings on the wire (`"256"`, `"512"`).
    package struct TaskDefinitionSpec: Encodable, Sendable, Equatable {
        package var family: String
        package var taskRoleArn: String?
        package var executionRoleArn: String?
        package var networkMode: String?
        package var requiresCompatibilities: [String]?
        package var cpu: String?
        package var memory: String?
        package var containerDefinitions: [ContainerDefinition]
        package var volumes: [Volume]?
        package var runtimePlatform: RuntimePlatform?
        package var tags: [Tag]?

        package init(
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
    package struct TaskDefinition: Decodable, Sendable, Equatable {
        package var taskDefinitionArn: String
        package var family: String
        package var revision: Int
        package var status: TaskDefinitionStatus?
        package var taskRoleArn: String?
        package var executionRoleArn: String?
        package var networkMode: String?
        package var requiresCompatibilities: [String]?
        package var cpu: String?
        package var memory: String?
        package var containerDefinitions: [ContainerDefinition]?
        package var volumes: [Volume]?
        package var registeredAt: Date?
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
    package struct DescribedTaskDefinition: Decodable, Sendable, Equatable {
        package var taskDefinition: TaskDefinition
        package var tags: [Tag]?
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
    package struct Failure: Decodable, Sendable, Equatable {
        package var arn: String?
        package var reason: String?
        package var detail: String?
    }

    package struct DeleteTaskDefinitionsOutput: Decodable, Sendable, Equatable {
        package var taskDefinitions: [TaskDefinition]?
        package var failures: [Failure]?
    }
}
