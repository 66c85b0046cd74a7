/// What the infrastructure stack provides to the services layer: read from its Outputs, and
/// per-service values from its resources by logical id (see `InfraStack`).
package struct SiteTarget: Sendable, Equatable, Codable {
    package var stackName: String
    package var region: String
    package var accountId: String
    package var cluster: String
    package var subnets: [String]
    /// `ENABLED` in public subnets (to reach ECR without NAT), `DISABLED` behind a NAT gateway.
    package var assignPublicIp: String = "ENABLED"
    package var servicesSecurityGroup: String
    package var logGroup: String
    package var executionRoleArn: String
    /// The Cloud Map namespace's name, which Service Connect takes.
    package var namespace: String?
    /// Volume name → EFS file system id.
    package var fileSystems: [String: String]
    /// Task name (`Site.tasks`) → task role ARN.
    package var taskRoles: [String: String]
    /// "service:containerPort" → target group ARN.
    package var targetGroups: [String: String]
    /// Service name → ECR repository URI, for services with `build:`.
    package var repositories: [String: String]

    package init(
        stackName: String, region: String, accountId: String, cluster: String, subnets: [String], servicesSecurityGroup: String,
        logGroup: String, executionRoleArn: String, namespace: String? = nil, fileSystems: [String: String] = [:],
        taskRoles: [String: String] = [:], targetGroups: [String: String] = [:], repositories: [String: String] = [:]
    ) {
        self.stackName = stackName
        self.region = region
        self.accountId = accountId
        self.cluster = cluster
        self.subnets = subnets
        self.servicesSecurityGroup = servicesSecurityGroup
        self.logGroup = logGroup
        self.executionRoleArn = executionRoleArn
        self.namespace = namespace
        self.fileSystems = fileSystems
        self.taskRoles = taskRoles
        self.targetGroups = targetGroups
        self.repositories = repositories
    }

    package static func targetGroupKey(service: String, port: Int) -> String { "\(service):\(port)" }
}
