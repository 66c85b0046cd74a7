import StackTemplates

/// A Fargate task definition as the engine wants it, before it is written for one of its two
/// readers: RegisterTaskDefinition in the API mode (`ecsRequest()`) or an
/// `AWS::ECS::TaskDefinition` in the single template (`cloudFormationProperties`). Ids the
/// infrastructure stack makes are `StackString`s, so one value describes both, and each
/// renderer names every field itself instead of deriving one format's names from the other's.
///
/// Fargate tasks always run with `awsvpc` networking; the renderers write that, not the model.
package struct DesiredTaskDefinition: Sendable, Equatable {
    package var family: String
    package var taskRoleArn: StackString?
    package var executionRoleArn: StackString
    /// CPU units and MiB: one of Fargate's sizes.
    package var cpu: Int
    package var memory: Int
    /// In start order: each member's init container, if it has files, comes before it.
    package var containers: [DesiredContainer]
    package var volumes: [DesiredVolume]
    /// `X86_64` or `ARM64` (on Linux); `nil` leaves it to ECS, which picks `X86_64`.
    package var cpuArchitecture: String?
    /// The site's and the task's tags, without `berth:hash`: that one is made from the API
    /// request itself.
    package var tags: [DesiredTag]

    package init(
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
package struct DesiredVolume: Sendable, Equatable {
    package var name: String
    package var efs: EFS?

    package init(name: String, efs: EFS? = nil) {
        self.name = name
        self.efs = efs
    }

    /// Always mounted with transit encryption and IAM authorization: the task role's mount
    /// policy allows only its own access points, and IAM authorization is what checks that.
    package struct EFS: Sendable, Equatable {
        package var fileSystemId: StackString
        package var accessPointId: StackString

        package init(fileSystemId: StackString, accessPointId: StackString) {
            self.fileSystemId = fileSystemId
            self.accessPointId = accessPointId
        }
    }
}

/// A tag as ECS and CloudFormation both take it, a key and a value.
package struct DesiredTag: Sendable, Equatable {
    package var key: String
    package var value: String

    package init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}
