/// A Fargate service as ECS's CreateService takes it (wire names).
public struct ServiceSpec: Codable, Sendable, Equatable {
    public var cluster: String
    public var serviceName: String
    /// `family:revision`, or the family alone until the revision is known.
    public var taskDefinition: String
    public var desiredCount: Int?
    public var launchType = "FARGATE"
    public var networkConfiguration: NetworkConfiguration
    public var loadBalancers: [LoadBalancer]?
    public var deploymentConfiguration: DeploymentConfiguration
    public var healthCheckGracePeriodSeconds: Int?
    public var serviceConnectConfiguration: ServiceConnect?
    public var enableExecuteCommand = true
    public var propagateTags = "SERVICE"
    public var tags: [ECSTag]?

    public struct NetworkConfiguration: Codable, Sendable, Equatable {
        public var awsvpcConfiguration: AwsVpc

        public struct AwsVpc: Codable, Sendable, Equatable {
            public var subnets: [String]
            public var securityGroups: [String]
            /// Public subnets without a NAT gateway: tasks need a public IP to reach ECR.
            public var assignPublicIp = "ENABLED"
        }
    }

    public struct LoadBalancer: Codable, Sendable, Equatable {
        public var targetGroupArn: String
        public var containerName: String
        public var containerPort: Int
    }

    public struct DeploymentConfiguration: Codable, Sendable, Equatable {
        public var deploymentCircuitBreaker = CircuitBreaker()
        public var minimumHealthyPercent: Int
        public var maximumPercent: Int

        public struct CircuitBreaker: Codable, Sendable, Equatable {
            public var enable = true
            public var rollback = true
        }
    }

    public struct ServiceConnect: Codable, Sendable, Equatable {
        public var enabled = true
        public var namespace: String
        public var services: [Server]?

        public struct Server: Codable, Sendable, Equatable {
            public var portName: String
            public var discoveryName: String
            public var clientAliases: [Alias]

            public struct Alias: Codable, Sendable, Equatable {
                public var port: Int
                public var dnsName: String
            }
        }
    }
}
