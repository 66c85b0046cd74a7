/// What the infrastructure stack provides to the services layer: read from its Outputs, and
/// per-service values from its resources by logical id (see `InfraStack`).
public struct SiteTarget: Sendable, Equatable, Codable {
    public var stackName: String
    public var region: String
    public var accountId: String
    public var cluster: String
    public var subnets: [String]
    /// `ENABLED` in public subnets (to reach ECR without NAT), `DISABLED` behind a NAT gateway.
    public var assignPublicIp: String = "ENABLED"
    public var servicesSecurityGroup: String
    public var logGroup: String
    public var executionRoleArn: String
    /// The Cloud Map namespace's name, which Service Connect takes.
    public var namespace: String?
    /// Volume name → EFS file system id.
    public var fileSystems: [String: String]
    /// Task name (`Site.tasks`) → task role ARN.
    public var taskRoles: [String: String]
    /// "service:containerPort" → target group ARN.
    public var targetGroups: [String: String]
    /// Service name → ECR repository URI, for services with `build:`.
    public var repositories: [String: String]

    public init(
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

    public static func targetGroupKey(service: String, port: Int) -> String { "\(service):\(port)" }
}
