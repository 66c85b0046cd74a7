/// What the infrastructure stack promises the layers that read it back (the services layer, the
/// unified template, `status`, `down`): its outputs by name, and the logical ids of the
/// per-volume, per-task and per-service resources they find by id. Everyone builds and reads
/// these through here, so a rename fails to compile instead of failing a deploy.
package enum StackOutput: String, CaseIterable, Sendable {
    case vpcId = "VpcId"
    case subnets = "Subnets"
    case assignPublicIp = "AssignPublicIp"
    case servicesSecurityGroup = "ServicesSecurityGroup"
    case cluster = "Cluster"
    case logGroup = "LogGroup"
    case taskExecutionRoleArn = "TaskExecutionRoleArn"
    case namespace = "Namespace"
    case backupBucket = "BackupBucket"
    case alarmTopic = "AlarmTopic"
    /// The security group the backup and restore tasks run in (only with backed-up volumes).
    case backupSecurityGroup = "BackupSecurityGroup"
    case loadBalancerDNS = "LoadBalancerDNS"
    case networkLoadBalancerDNS = "NetworkLoadBalancerDNS"
    /// `service=URL` for each published service, space-separated (see `serviceAddresses`).
    case addresses = "Addresses"
}

extension Dictionary where Key == String, Value == String {
    /// A stack's output value by its contract name.
    package subscript(_ output: StackOutput) -> String? { self[output.rawValue] }
}

extension TemplateOutput {
    package init(_ output: StackOutput, _ value: TemplateValue) {
        self.init(output.rawValue, value)
    }
}

/// Logical ids of the resources one layer makes and another finds, from the owner's own logical
/// id (a volume's, a task's or a service's, see `LogicalIDs`).
package enum StackLogicalID {
    /// The EFS file system of a named volume (infrastructure stack).
    package static func fileSystem(volume: String) -> String { "FileSystem\(volume)" }
    /// The parameter that hands the stack a file system it kept from an earlier stack of the
    /// environment (DeletionPolicy Retain), in place of making a new, empty one.
    package static func keptFileSystemParameter(volume: String) -> String { "KeptFileSystem\(volume)" }
    /// The backup bucket (infrastructure stack), and the parameter that hands the stack a kept one.
    package static let backupBucket = "BackupBucket"
    package static let keptBackupBucketParameter = "BackupBucketName"
    /// The backup and restore tasks and the roles they run as (infrastructure stack).
    package static let backupTaskDefinition = "BackupTaskDefinition"
    package static let restoreTaskDefinition = "RestoreTaskDefinition"
    package static let backupTaskRole = "BackupTaskRole"
    package static let restoreTaskRole = "RestoreTaskRole"
    /// The reachability probe `berth verify` runs (infrastructure stack).
    package static let probeTaskDefinition = "ProbeTaskDefinition"
    /// A task's CPU and memory alarms (infrastructure stack).
    package static func cpuAlarm(task: String) -> String { "\(task)CpuAlarm" }
    package static func memoryAlarm(task: String) -> String { "\(task)MemoryAlarm" }
    /// Fewer of a task's copies running than desired (infrastructure stack).
    package static func tasksMissingAlarm(task: String) -> String { "\(task)TasksMissingAlarm" }
    /// A published port's target group: its targets' 5xx answers, and its unhealthy targets.
    package static func serverErrorsAlarm(targetGroup: String) -> String { "\(targetGroup)ServerErrorsAlarm" }
    package static func unhealthyTargetsAlarm(targetGroup: String) -> String { "\(targetGroup)UnhealthyAlarm" }
    /// A volume's file system near its I/O limit.
    package static func ioLimitAlarm(volume: String) -> String { "FileSystem\(volume)IOLimitAlarm" }
    /// The IAM role a task runs as (infrastructure stack).
    package static func taskRole(task: String) -> String { "TaskRole\(task)" }
    /// A service's ECR repository (infrastructure stack).
    package static func repository(service: String) -> String { "Repository\(service)" }
    /// The load balancer target group of a service's container port (infrastructure stack).
    package static func targetGroup(service: String, port: Int) -> String { "TargetGroup\(service)\(port)" }

    /// A task's task definition (unified stack).
    package static func taskDefinition(task: String) -> String { "TaskDefinition\(task)" }
    /// A task's ECS service (unified stack).
    package static func service(task: String) -> String { "Service\(task)" }
    /// A task's EFS access point for one volume (unified stack).
    package static func accessPoint(service: String, volume: String) -> String { "AccessPoint\(service)\(volume)" }
    /// The policy that lets a task role mount through its access points (unified stack).
    package static func accessPointPolicy(service: String) -> String { "AccessPointPolicy\(service)" }
}
