import StackTemplates

/// A Fargate task definition as the engine wants it, before it is written for one of its two
/// readers: RegisterTaskDefinition in the API mode (`ecsRequest()`) or an
/// `AWS::ECS::TaskDefinition` in the single template (`cloudFormationProperties`). Ids the
/// infrastructure stack makes are `StackString`s, so one value describes both, and each
/// renderer names every field itself instead of deriving one format's names from the other's.
///
/// Fargate tasks always run with `awsvpc` networking; the renderers write that, not the model.
public struct DesiredTaskDefinition: Sendable, Equatable {
    public var family: String
    public var taskRoleArn: StackString?
    public var executionRoleArn: StackString
    /// CPU units and MiB: one of Fargate's sizes.
    public var cpu: Int
    public var memory: Int
    /// In start order: each member's init container, if it has files, comes before it.
    public var containers: [DesiredContainer]
    public var volumes: [DesiredVolume]
    /// `X86_64` or `ARM64` (on Linux); `nil` leaves it to ECS, which picks `X86_64`.
    public var cpuArchitecture: String?
    /// The site's and the task's tags, without `berth:hash`: that one is made from the API
    /// request itself.
    public var tags: [DesiredTag]

    public init(
        family: String, taskRoleArn: StackString?, executionRoleArn: StackString, cpu: Int, memory: Int, containers: [DesiredContainer],
        volumes: [DesiredVolume], cpuArchitecture: String? = nil, tags: [DesiredTag] = []
    ) {
        self.family = family
        self.taskRoleArn = taskRoleArn
        self.executionRoleArn = executionRoleArn
        self.cpu = cpu
        self.memory = memory
        self.containers = containers
        self.volumes = volumes
        self.cpuArchitecture = cpuArchitecture
        self.tags = tags
    }
}

/// A task volume: EFS through an access point, or (`efs == nil`) an ephemeral one the task's
/// containers share.
public struct DesiredVolume: Sendable, Equatable {
    public var name: String
    public var efs: EFS?

    public init(name: String, efs: EFS? = nil) {
        self.name = name
        self.efs = efs
    }

    /// Always mounted with transit encryption and IAM authorization: the task role's mount
    /// policy allows only its own access points, and IAM authorization is what checks that.
    public struct EFS: Sendable, Equatable {
        public var fileSystemId: StackString
        public var accessPointId: StackString

        public init(fileSystemId: StackString, accessPointId: StackString) {
            self.fileSystemId = fileSystemId
            self.accessPointId = accessPointId
        }
    }
}

/// A tag as ECS and CloudFormation both take it, a key and a value.
public struct DesiredTag: Sendable, Equatable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}
