import AWSServices
import StackTemplates

extension DesiredService {
    /// CreateService's input, field by field (UpdateService's is `ServiceSpec.update`). Its
    /// `comparable` form is what `berth:hash` is computed over, so a field added here changes
    /// every service's hash: add it only with a default that encodes as nothing.
    package func ecsRequest() throws -> ServiceSpec {
        ServiceSpec(
            cluster: try cluster.known("the cluster"), serviceName: serviceName,
            taskDefinition: try taskDefinition.known("the task definition of \(serviceName)"), desiredCount: desiredCount,
            launchType: "FARGATE",
            networkConfiguration: .init(
                awsvpcConfiguration: .init(
                    subnets: try subnets.map { try $0.known("a subnet") },
                    securityGroups: try securityGroups.map { try $0.known("a security group") }, assignPublicIp: assignPublicIp)),
            loadBalancers: loadBalancers.isEmpty
                ? nil
                : try loadBalancers.map {
                    .init(
                        targetGroupArn: try $0.targetGroupArn.known("the target group of \($0.containerName):\($0.containerPort)"),
                        containerName: $0.containerName, containerPort: $0.containerPort)
                },
            deploymentConfiguration: .init(
                deploymentCircuitBreaker: .init(enable: deployment.circuitBreaker, rollback: deployment.circuitBreaker),
                minimumHealthyPercent: deployment.minimumHealthyPercent, maximumPercent: deployment.maximumPercent),
            healthCheckGracePeriodSeconds: healthCheckGracePeriodSeconds,
            serviceConnectConfiguration: serviceConnect.map { connect in
                .init(
                    enabled: true, namespace: connect.namespace,
                    services: connect.services.isEmpty
                        ? nil
                        : connect.services.map { server in
                            .init(
                                portName: server.portName, discoveryName: server.discoveryName,
                                clientAliases: server.clientAliases.map { .init(port: $0.port, dnsName: $0.dnsName) })
                        })
            },
            enableExecuteCommand: enableExecuteCommand, propagateTags: propagateTags, tags: tags.map { ECSTag(key: $0.key, value: $0.value) },
            clientToken: nil)
    }
}
