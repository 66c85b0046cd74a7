/// A task definition as ECS's RegisterTaskDefinition takes it (wire names), so the desired
/// state is sent as it is, and its hash says whether a new revision is needed.
public struct TaskDefinitionSpec: Codable, Sendable, Equatable {
    public var family: String
    public var taskRoleArn: String?
    public var executionRoleArn: String
    public var networkMode = "awsvpc"
    public var requiresCompatibilities = ["FARGATE"]
    public var cpu: String
    public var memory: String
    public var runtimePlatform: RuntimePlatform?
    public var containerDefinitions: [ContainerDefinition]
    public var volumes: [Volume]
    public var tags: [ECSTag]

    public struct RuntimePlatform: Codable, Sendable, Equatable {
        public var cpuArchitecture: String
        public var operatingSystemFamily = "LINUX"
    }

    public struct Volume: Codable, Sendable, Equatable {
        public var name: String
        public var efsVolumeConfiguration: EFSVolume?
    }

    public struct EFSVolume: Codable, Sendable, Equatable {
        public var fileSystemId: String
        public var transitEncryption = "ENABLED"
        public var authorizationConfig: Authorization

        public struct Authorization: Codable, Sendable, Equatable {
            public var accessPointId: String
            public var iam = "ENABLED"
        }
    }
}

public struct ECSTag: Codable, Sendable, Equatable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

public struct ContainerDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var image: String
    public var essential: Bool
    public var command: [String]?
    public var entryPoint: [String]?
    public var environment: [NameValue]?
    public var secrets: [Secret]?
    public var portMappings: [PortMapping]?
    public var mountPoints: [MountPoint]?
    public var dependsOn: [Dependency]?
    public var healthCheck: HealthCheck?
    public var logConfiguration: LogConfiguration
    public var user: String?
    public var workingDirectory: String?
    public var ulimits: [Ulimit]?
    public var stopTimeout: Int?
    public var readonlyRootFilesystem: Bool?
    public var linuxParameters: LinuxParameters?
    public var repositoryCredentials: RepositoryCredentials?

    public struct NameValue: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// A value ECS fetches at start from Secrets Manager or Parameter Store: never plain text.
    public struct Secret: Codable, Sendable, Equatable {
        public var name: String
        public var valueFrom: String
    }

    public struct PortMapping: Codable, Sendable, Equatable {
        public var containerPort: Int
        public var `protocol`: String
        /// Service Connect refers to ports by name.
        public var name: String
        public var appProtocol: String?
    }

    public struct MountPoint: Codable, Sendable, Equatable {
        public var sourceVolume: String
        public var containerPath: String
        public var readOnly: Bool
    }

    public struct Dependency: Codable, Sendable, Equatable {
        public var containerName: String
        public var condition: String
    }

    public struct HealthCheck: Codable, Sendable, Equatable {
        public var command: [String]
        public var interval: Int
        public var timeout: Int
        public var retries: Int
        public var startPeriod: Int
    }

    public struct LogConfiguration: Codable, Sendable, Equatable {
        public var logDriver = "awslogs"
        public var options: [String: String]
    }

    public struct Ulimit: Codable, Sendable, Equatable {
        public var name: String
        public var softLimit: Int
        public var hardLimit: Int
    }

    public struct LinuxParameters: Codable, Sendable, Equatable {
        public var initProcessEnabled: Bool
    }

    public struct RepositoryCredentials: Codable, Sendable, Equatable {
        public var credentialsParameter: String
    }
}
