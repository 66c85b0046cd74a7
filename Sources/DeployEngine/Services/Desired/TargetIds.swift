import AWSRuntime
import StackTemplates

/// What the infrastructure provides to the desired state, each id a `StackString`: the real ids
/// of a deployed infrastructure stack in the API mode (`init(_:)`, all known text), references
/// to the same template's resources in the single-template mode.
package struct TargetIds: Sendable, Equatable {
    /// `aws` for the API mode, which builds ARNs itself; the template names `AWS::Partition`.
    package var partition: StackString
    package var region: StackString
    package var accountId: StackString
    package var cluster: StackString
    package var subnets: [StackString]
    /// `ENABLED` in public subnets (to reach ECR without NAT), `DISABLED` behind a NAT gateway.
    package var assignPublicIp: String
    package var servicesSecurityGroup: StackString
    package var logGroup: StackString
    package var executionRoleArn: StackString
    /// The Cloud Map namespace's name, which Service Connect takes.
    package var namespace: String?
    /// Volume name → EFS file system id.
    package var fileSystems: [String: StackString] = [:]
    /// Task name (`Site.tasks`) → task role ARN.
    package var taskRoles: [String: StackString] = [:]
    /// `SiteTarget.targetGroupKey` → target group ARN.
    package var targetGroups: [String: StackString] = [:]

    package init(
        partition: StackString, region: StackString, accountId: StackString, cluster: StackString, subnets: [StackString],
        assignPublicIp: String, servicesSecurityGroup: StackString, logGroup: StackString, executionRoleArn: StackString, namespace: String?
    ) {
        self.partition = partition
        self.region = region
        self.accountId = accountId
        self.cluster = cluster
        self.subnets = subnets
        self.assignPublicIp = assignPublicIp
        self.servicesSecurityGroup = servicesSecurityGroup
        self.logGroup = logGroup
        self.executionRoleArn = executionRoleArn
        self.namespace = namespace
    }

    /// `arn:<partition>:<service>:<region>:<account>:<resource>`, an ARN of this account and
    /// region: text in the API mode, an `Fn::Sub` in a template.
    package func arn(_ service: String, _ resource: StackString) -> StackString {
        .joined(["arn:", partition, .literal(":\(service):"), region, ":", accountId, ":", resource])
    }

    /// A deployed infrastructure stack's ids, all known.
    package init(_ target: SiteTarget) {
        self.init(
            partition: .literal(Partition.of(region: target.region).name), region: .literal(target.region), accountId: .literal(target.accountId),
            cluster: .literal(target.cluster),
            subnets: target.subnets.map(StackString.literal), assignPublicIp: target.assignPublicIp,
            servicesSecurityGroup: .literal(target.servicesSecurityGroup), logGroup: .literal(target.logGroup),
            executionRoleArn: .literal(target.executionRoleArn), namespace: target.namespace)
        fileSystems = target.fileSystems.mapValues(StackString.literal)
        taskRoles = target.taskRoles.mapValues(StackString.literal)
        targetGroups = target.targetGroups.mapValues(StackString.literal)
    }
}
