import StackTemplates

/// A Fargate service as the engine wants it, before it is written as CreateService's input
/// (`ecsRequest()`, the API mode; UpdateService's follows from it) or as an `AWS::ECS::Service`
/// (`cloudFormationProperties`, the single template). Empty lists mean "not set".
package struct DesiredService: Sendable, Equatable {
    package var cluster: StackString
    package var serviceName: String
    package var taskDefinition: StackString
    package var desiredCount: Int
    package var subnets: [StackString]
    package var securityGroups: [StackString]
    /// `ENABLED` in public subnets (to reach ECR without NAT), `DISABLED` behind a NAT gateway.
    package var assignPublicIp: String
    package var loadBalancers: [LoadBalancer] = []
    package var deployment: Deployment
    package var healthCheckGracePeriodSeconds: Int?
    /// `nil`: the service is in no Service Connect namespace.
    package var serviceConnect: ServiceConnect?
    package var enableExecuteCommand: Bool
    /// `SERVICE`, `TASK_DEFINITION` or `NONE`.
    package var propagateTags: String
    /// The site's and the task's tags, without `berth:hash`: that one is made from the API
    /// request itself.
    package var tags: [DesiredTag]

    package init(
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

    package struct LoadBalancer: Sendable, Equatable {
        package var targetGroupArn: StackString
        package var containerName: String
        package var containerPort: Int

        package init(targetGroupArn: StackString, containerName: String, containerPort: Int) {
            self.targetGroupArn = targetGroupArn
            self.containerName = containerName
            self.containerPort = containerPort
        }
    }

    /// A rolling deployment's bounds; with `circuitBreaker`, ECS stops a deployment whose tasks
    /// keep failing and rolls back to the previous one.
    package struct Deployment: Sendable, Equatable {
        package var circuitBreaker: Bool
        package var minimumHealthyPercent: Int
        package var maximumPercent: Int

        package init(circuitBreaker: Bool, minimumHealthyPercent: Int, maximumPercent: Int) {
            self.circuitBreaker = circuitBreaker
            self.minimumHealthyPercent = minimumHealthyPercent
            self.maximumPercent = maximumPercent
        }
    }

    /// Service Connect in a Cloud Map namespace; `services` are the ports others reach this
    /// service on (none: it is only a client).
    package struct ServiceConnect: Sendable, Equatable {
        /// The namespace's name or ARN.
        package var namespace: String
        package var services: [Server]

        package init(namespace: String, services: [Server]) {
            self.namespace = namespace
            self.services = services
        }

        package struct Server: Sendable, Equatable {
            /// A `portMappings[].name` of the task definition.
            package var portName: String
            package var discoveryName: String
            package var clientAliases: [ClientAlias]

            package init(portName: String, discoveryName: String, clientAliases: [ClientAlias]) {
                self.portName = portName
                self.discoveryName = discoveryName
                self.clientAliases = clientAliases
            }
        }

        package struct ClientAlias: Sendable, Equatable {
            package var port: Int
            package var dnsName: String

            package init(port: Int, dnsName: String) {
                self.port = port
                self.dnsName = dnsName
            }
        }
    }
}
