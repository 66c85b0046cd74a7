import AWSRuntime
import Foundation

// Service shapes: the configuration types are sent to CreateService/UpdateService and read back
// from DescribeServices.

extension ECSClient {
    public struct AwsVpcConfiguration: Codable, Sendable, Equatable {
        public var subnets: [String]
        /// moto answers HTTP 500 without security groups; AWS uses the VPC's default group.
        public var securityGroups: [String]?
        /// `ENABLED` or `DISABLED`.
        public var assignPublicIp: String?
        public init(subnets: [String], securityGroups: [String]?, assignPublicIp: String? = "DISABLED") {
            self.subnets = subnets
            self.securityGroups = securityGroups
            self.assignPublicIp = assignPublicIp
        }
    }

    public struct NetworkConfiguration: Codable, Sendable, Equatable {
        public var awsvpcConfiguration: AwsVpcConfiguration?
        public init(awsvpcConfiguration: AwsVpcConfiguration) {
            self.awsvpcConfiguration = awsvpcConfiguration
        }
    }

    public struct LoadBalancer: Codable, Sendable, Equatable {
        public var targetGroupArn: String?
        public var containerName: String?
        public var containerPort: Int?
        public init(targetGroupArn: String, containerName: String, containerPort: Int) {
            self.targetGroupArn = targetGroupArn
            self.containerName = containerName
            self.containerPort = containerPort
        }
    }

    public struct DeploymentCircuitBreaker: Codable, Sendable, Equatable {
        public var enable: Bool
        public var rollback: Bool
        public init(enable: Bool, rollback: Bool) {
            self.enable = enable
            self.rollback = rollback
        }
    }

    public struct DeploymentConfiguration: Codable, Sendable, Equatable {
        public var deploymentCircuitBreaker: DeploymentCircuitBreaker?
        public var minimumHealthyPercent: Int?
        public var maximumPercent: Int?
        public init(deploymentCircuitBreaker: DeploymentCircuitBreaker? = nil, minimumHealthyPercent: Int? = nil, maximumPercent: Int? = nil) {
            self.deploymentCircuitBreaker = deploymentCircuitBreaker
            self.minimumHealthyPercent = minimumHealthyPercent
            self.maximumPercent = maximumPercent
        }
    }

    public struct ServiceConnectClientAlias: Codable, Sendable, Equatable {
        public var port: Int
        public var dnsName: String?
        public init(port: Int, dnsName: String? = nil) {
            self.port = port
            self.dnsName = dnsName
        }
    }

    public struct ServiceConnectService: Codable, Sendable, Equatable {
        /// A `portMappings[].name` of the task definition.
        public var portName: String
        public var discoveryName: String?
        public var clientAliases: [ServiceConnectClientAlias]?
        public init(portName: String, discoveryName: String? = nil, clientAliases: [ServiceConnectClientAlias]? = nil) {
            self.portName = portName
            self.discoveryName = discoveryName
            self.clientAliases = clientAliases
        }
    }

    public struct ServiceConnectConfiguration: Codable, Sendable, Equatable {
        public var enabled: Bool
        /// The Cloud Map namespace name or ARN.
        public var namespace: String?
        public var services: [ServiceConnectService]?
        public init(enabled: Bool, namespace: String? = nil, services: [ServiceConnectService]? = nil) {
            self.enabled = enabled
            self.namespace = namespace
            self.services = services
        }
    }

    /// The input of CreateService. `clientToken` (up to 36 ASCII characters) makes a retried
    /// create safe; without it the call is not retried after a dropped connection.
    public struct CreateServiceRequest: Encodable, Sendable, Equatable {
        public var cluster: String?
        public var serviceName: String
        public var taskDefinition: String?
        public var desiredCount: Int?
        public var launchType: String?
        public var networkConfiguration: NetworkConfiguration?
        public var loadBalancers: [LoadBalancer]?
        public var deploymentConfiguration: DeploymentConfiguration?
        public var healthCheckGracePeriodSeconds: Int?
        public var serviceConnectConfiguration: ServiceConnectConfiguration?
        public var enableExecuteCommand: Bool?
        /// `SERVICE`, `TASK_DEFINITION` or `NONE`.
        public var propagateTags: String?
        public var tags: [Tag]?
        public var clientToken: String?

        public init(
            cluster: String?, serviceName: String, taskDefinition: String, desiredCount: Int?, launchType: String? = "FARGATE",
            networkConfiguration: NetworkConfiguration? = nil, loadBalancers: [LoadBalancer]? = nil,
            deploymentConfiguration: DeploymentConfiguration? = nil, healthCheckGracePeriodSeconds: Int? = nil,
            serviceConnectConfiguration: ServiceConnectConfiguration? = nil, enableExecuteCommand: Bool? = nil,
            propagateTags: String? = "SERVICE", tags: [Tag]? = nil, clientToken: String? = nil
        ) {
            self.cluster = cluster
            self.serviceName = serviceName
            self.taskDefinition = taskDefinition
            self.desiredCount = desiredCount
            self.launchType = launchType
            self.networkConfiguration = networkConfiguration
            self.loadBalancers = loadBalancers
            self.deploymentConfiguration = deploymentConfiguration
            self.healthCheckGracePeriodSeconds = healthCheckGracePeriodSeconds
            self.serviceConnectConfiguration = serviceConnectConfiguration
            self.enableExecuteCommand = enableExecuteCommand
            self.propagateTags = propagateTags
            self.tags = tags
            self.clientToken = clientToken
        }
    }

    /// The input of UpdateService: unset members stay as they are. Tags change through `tagResource`.
    public struct UpdateServiceRequest: Encodable, Sendable, Equatable {
        public var cluster: String?
        public var service: String
        public var taskDefinition: String?
        public var desiredCount: Int?
        public var networkConfiguration: NetworkConfiguration?
        public var loadBalancers: [LoadBalancer]?
        public var deploymentConfiguration: DeploymentConfiguration?
        public var healthCheckGracePeriodSeconds: Int?
        public var serviceConnectConfiguration: ServiceConnectConfiguration?
        public var enableExecuteCommand: Bool?
        public var propagateTags: String?
        public var forceNewDeployment: Bool?

        public init(
            cluster: String?, service: String, taskDefinition: String? = nil, desiredCount: Int? = nil,
            networkConfiguration: NetworkConfiguration? = nil, loadBalancers: [LoadBalancer]? = nil,
            deploymentConfiguration: DeploymentConfiguration? = nil, healthCheckGracePeriodSeconds: Int? = nil,
            serviceConnectConfiguration: ServiceConnectConfiguration? = nil, enableExecuteCommand: Bool? = nil,
            propagateTags: String? = nil, forceNewDeployment: Bool? = nil
        ) {
            self.cluster = cluster
            self.service = service
            self.taskDefinition = taskDefinition
            self.desiredCount = desiredCount
            self.networkConfiguration = networkConfiguration
            self.loadBalancers = loadBalancers
            self.deploymentConfiguration = deploymentConfiguration
            self.healthCheckGracePeriodSeconds = healthCheckGracePeriodSeconds
            self.serviceConnectConfiguration = serviceConnectConfiguration
            self.enableExecuteCommand = enableExecuteCommand
            self.propagateTags = propagateTags
            self.forceNewDeployment = forceNewDeployment
        }
    }

    /// One rollout of a service.
    public struct Deployment: Decodable, Sendable, Equatable {
        public var id: String?
        public var status: DeploymentStatus?
        public var taskDefinition: String?
        public var desiredCount: Int?
        public var pendingCount: Int?
        public var runningCount: Int?
        public var failedTasks: Int?
        public var rolloutState: DeploymentRolloutState?
        public var rolloutStateReason: String?
        public var createdAt: Date?
        public var updatedAt: Date?
        public var serviceConnectConfiguration: ServiceConnectConfiguration?
    }

    public struct ServiceEvent: Decodable, Sendable, Equatable {
        public var id: String?
        public var createdAt: Date?
        public var message: String?
    }

    public struct Service: Decodable, Sendable, Equatable {
        public var serviceArn: String?
        public var serviceName: String?
        public var clusterArn: String?
        public var status: ServiceStatus?
        public var taskDefinition: String?
        public var desiredCount: Int?
        public var runningCount: Int?
        public var pendingCount: Int?
        public var launchType: String?
        public var networkConfiguration: NetworkConfiguration?
        public var loadBalancers: [LoadBalancer]?
        public var deploymentConfiguration: DeploymentConfiguration?
        public var healthCheckGracePeriodSeconds: Int?
        public var enableExecuteCommand: Bool?
        public var propagateTags: String?
        public var deployments: [Deployment]?
        /// Newest first.
        public var events: [ServiceEvent]?
        public var tags: [Tag]?
        public var createdAt: Date?
    }

    struct ServiceOutput: Decodable {
        var service: Service
    }

    struct DescribeServicesInput: Encodable {
        var cluster: String?
        var services: [String]
        var include: [String]?
    }

    /// Services found, and a `MISSING` failure for each name that is not there.
    public struct DescribeServicesOutput: Decodable, Sendable, Equatable {
        public var services: [Service]?
        public var failures: [Failure]?
    }

    struct DeleteServiceInput: Encodable {
        var cluster: String?
        var service: String
        var force: Bool?
    }

    struct ListServicesInput: Encodable {
        var cluster: String?
        var nextToken: String?
    }

    struct ListServicesOutput: Decodable {
        var serviceArns: [String]?
        var nextToken: String?
    }
}
