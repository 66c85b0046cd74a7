import AWSRuntime
import Foundation

// Service shapes: the configuration types are sent to CreateService/UpdateService and read back
// from DescribeServices.

extension ECSClient {
    package struct AwsVpcConfiguration: Codable, Sendable, Equatable {
        package var subnets: [String]
        /// moto answers HTTP 500 without security groups; AWS uses the VPC's default group.
        package var securityGroups: [String]?
        /// `ENABLED` or `DISABLED`.
        package var assignPublicIp: String?
        package init(subnets: [String], securityGroups: [String]?, assignPublicIp: String? = "DISABLED") {
            self.subnets = subnets
            self.securityGroups = securityGroups
            self.assignPublicIp = assignPublicIp
        }
    }

    package struct NetworkConfiguration: Codable, Sendable, Equatable {
        package var awsvpcConfiguration: AwsVpcConfiguration?
        package init(awsvpcConfiguration: AwsVpcConfiguration) {
            self.awsvpcConfiguration = awsvpcConfiguration
        }
    }

    package struct LoadBalancer: Codable, Sendable, Equatable {
        package var targetGroupArn: String?
        package var containerName: String?
        package var containerPort: Int?
        package init(targetGroupArn: String, containerName: String, containerPort: Int) {
            self.targetGroupArn = targetGroupArn
            self.containerName = containerName
            self.containerPort = containerPort
        }
    }

    package struct DeploymentCircuitBreaker: Codable, Sendable, Equatable {
        package var enable: Bool
        package var rollback: Bool
        package init(enable: Bool, rollback: Bool) {
            self.enable = enable
            self.rollback = rollback
        }
    }

    package struct DeploymentConfiguration: Codable, Sendable, Equatable {
        package var deploymentCircuitBreaker: DeploymentCircuitBreaker?
        package var minimumHealthyPercent: Int?
        package var maximumPercent: Int?
        package init(deploymentCircuitBreaker: DeploymentCircuitBreaker? = nil, minimumHealthyPercent: Int? = nil, maximumPercent: Int? = nil) {
            self.deploymentCircuitBreaker = deploymentCircuitBreaker
            self.minimumHealthyPercent = minimumHealthyPercent
            self.maximumPercent = maximumPercent
        }
    }

    package struct ServiceConnectClientAlias: Codable, Sendable, Equatable {
        package var port: Int
        package var dnsName: String?
        package init(port: Int, dnsName: String? = nil) {
            self.port = port
            self.dnsName = dnsName
        }
    }

    package struct ServiceConnectService: Codable, Sendable, Equatable {
        /// A `portMappings[].name` of the task definition.
        package var portName: String
        package var discoveryName: String?
        package var clientAliases: [ServiceConnectClientAlias]?
        package init(portName: String, discoveryName: String? = nil, clientAliases: [ServiceConnectClientAlias]? = nil) {
            self.portName = portName
            self.discoveryName = discoveryName
            self.clientAliases = clientAliases
        }
    }

    package struct ServiceConnectConfiguration: Codable, Sendable, Equatable {
        package var enabled: Bool
        /// The Cloud Map namespace name or ARN.
        package var namespace: String?
        package var services: [ServiceConnectService]?
        package init(enabled: Bool, namespace: String? = nil, services: [ServiceConnectService]? = nil) {
            self.enabled = enabled
            self.namespace = namespace
            self.services = services
        }
    }

    /// The input of CreateService. `clientToken` (up to 36 ASCII characters) makes a retried
    /// create safe; without it the call is not retried after a dropped connection.
    package struct CreateServiceRequest: Encodable, Sendable, Equatable {
        package var cluster: String?
        package var serviceName: String
        package var taskDefinition: String?
        package var desiredCount: Int?
        package var launchType: String?
        package var networkConfiguration: NetworkConfiguration?
        package var loadBalancers: [LoadBalancer]?
        package var deploymentConfiguration: DeploymentConfiguration?
        package var healthCheckGracePeriodSeconds: Int?
        package var serviceConnectConfiguration: ServiceConnectConfiguration?
        package var enableExecuteCommand: Bool?
        /// `SERVICE`, `TASK_DEFINITION` or `NONE`.
        package var propagateTags: String?
        package var tags: [Tag]?
        package var clientToken: String?

        package init(
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
    package struct UpdateServiceRequest: Encodable, Sendable, Equatable {
        package var cluster: String?
        package var service: String
        package var taskDefinition: String?
        package var desiredCount: Int?
        package var networkConfiguration: NetworkConfiguration?
        package var loadBalancers: [LoadBalancer]?
        package var deploymentConfiguration: DeploymentConfiguration?
        package var healthCheckGracePeriodSeconds: Int?
        package var serviceConnectConfiguration: ServiceConnectConfiguration?
        package var enableExecuteCommand: Bool?
        package var propagateTags: String?
        package var forceNewDeployment: Bool?

        package init(
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
    package struct Deployment: Decodable, Sendable, Equatable {
        package var id: String?
        package var status: DeploymentStatus?
        package var taskDefinition: String?
        package var desiredCount: Int?
        package var pendingCount: Int?
        package var runningCount: Int?
        package var failedTasks: Int?
        package var rolloutState: DeploymentRolloutState?
        package var rolloutStateReason: String?
        package var createdAt: Date?
        package var updatedAt: Date?
        package var serviceConnectConfiguration: ServiceConnectConfiguration?
    }

    package struct ServiceEvent: Decodable, Sendable, Equatable {
        package var id: String?
        package var createdAt: Date?
        package var message: String?
    }

    package struct Service: Decodable, Sendable, Equatable {
        package var serviceArn: String?
        package var serviceName: String?
        package var clusterArn: String?
        package var status: ServiceStatus?
        package var taskDefinition: String?
        package var desiredCount: Int?
        package var runningCount: Int?
        package var pendingCount: Int?
        package var launchType: String?
        package var networkConfiguration: NetworkConfiguration?
        package var loadBalancers: [LoadBalancer]?
        package var deploymentConfiguration: DeploymentConfiguration?
        package var healthCheckGracePeriodSeconds: Int?
        package var enableExecuteCommand: Bool?
        package var propagateTags: String?
        package var deployments: [Deployment]?
        /// Newest first.
        package var events: [ServiceEvent]?
        package var tags: [Tag]?
        package var createdAt: Date?
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
    package struct DescribeServicesOutput: Decodable, Sendable, Equatable {
        package var services: [Service]?
        package var failures: [Failure]?
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
