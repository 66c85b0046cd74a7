import StackTemplates

/// A Fargate service as the engine wants it, before it is written as CreateService's input
/// (`ecsRequest()`, the API mode; UpdateService's follows from it) or as an `AWS::ECS::Service`
/// (`cloudFormationProperties`, the single template). Empty lists mean "not set".
public struct DesiredService: Sendable, Equatable {
    public var cluster: StackString
    public var serviceName: String
    public var taskDefinition: StackString
    public var desiredCount: Int
    public var subnets: [StackString]
    public var securityGroups: [StackString]
    /// `ENABLED` in public subnets (to reach ECR without NAT), `DISABLED` behind a NAT gateway.
    public var assignPublicIp: String
    public var loadBalancers: [LoadBalancer] = []
    public var deployment: Deployment
    public var healthCheckGracePeriodSeconds: Int?
    /// `nil`: the service is in no Service Connect namespace.
    public var serviceConnect: ServiceConnect?
    public var enableExecuteCommand: Bool
    /// `SERVICE`, `TASK_DEFINITION` or `NONE`.
    public var propagateTags: String
    /// The site's and the task's tags, without `berth:hash`: that one is made from the API
    /// request itself.
    public var tags: [DesiredTag]

    public init(
        cluster: StackString, serviceName: String, taskDefinition: StackString, desiredCount: Int, subnets: [StackString],
        securityGroups: [StackString], assignPublicIp: String, deployment: Deployment, enableExecuteCommand: Bool, propagateTags: String,
        tags: [DesiredTag] = []
    ) {
        self.cluster = cluster
        self.serviceName = serviceName
        self.taskDefinition = taskDefinition
        self.desiredCount = desiredCount
        self.subnets = subnets
        self.securityGroups = securityGroups
        self.assignPublicIp = assignPublicIp
        self.deployment = deployment
        self.enableExecuteCommand = enableExecuteCommand
        self.propagateTags = propagateTags
        self.tags = tags
    }

    public struct LoadBalancer: Sendable, Equatable {
        public var targetGroupArn: StackString
        public var containerName: String
        public var containerPort: Int

        public init(targetGroupArn: StackString, containerName: String, containerPort: Int) {
            self.targetGroupArn = targetGroupArn
            self.containerName = containerName
            self.containerPort = containerPort
        }
    }

    /// A rolling deployment's bounds; with `circuitBreaker`, ECS stops a deployment whose tasks
    /// keep failing and rolls back to the previous one.
    public struct Deployment: Sendable, Equatable {
        public var circuitBreaker: Bool
        public var minimumHealthyPercent: Int
        public var maximumPercent: Int

        public init(circuitBreaker: Bool, minimumHealthyPercent: Int, maximumPercent: Int) {
            self.circuitBreaker = circuitBreaker
            self.minimumHealthyPercent = minimumHealthyPercent
            self.maximumPercent = maximumPercent
        }
    }

    /// Service Connect in a Cloud Map namespace; `services` are the ports others reach this
    /// service on (none: it is only a client).
    public struct ServiceConnect: Sendable, Equatable {
        /// The namespace's name or ARN.
        public var namespace: String
        public var services: [Server]

        public init(namespace: String, services: [Server]) {
            self.namespace = namespace
            self.services = services
        }

        public struct Server: Sendable, Equatable {
            /// A `portMappings[].name` of the task definition.
            public var portName: String
            public var discoveryName: String
            public var clientAliases: [ClientAlias]

            public init(portName: String, discoveryName: String, clientAliases: [ClientAlias]) {
                self.portName = portName
                self.discoveryName = discoveryName
                self.clientAliases = clientAliases
            }
        }

        public struct ClientAlias: Sendable, Equatable {
            public var port: Int
            public var dnsName: String

            public init(port: Int, dnsName: String) {
                self.port = port
                self.dnsName = dnsName
            }
        }
    }
}
