import AWSServices
import ComposeModel
import StackTemplates

extension DesiredStateBuilder {
    /// One ECS service per task: every member's target groups (to the member's container) and
    /// every member's ports in Service Connect under the member's name.
    public func serviceSpec(_ task: SiteTask, taskDefinition: String) throws -> ServiceSpec {
        var loadBalancers: [ECSClient.LoadBalancer] = []
        for service in task.members {
            for port in service.ports where port.published != nil {
                if let group = target.targetGroups[SiteTarget.targetGroupKey(service: service.name, port: port.target)],
                    !loadBalancers.contains(where: { $0.targetGroupArn == group })
                {
                    loadBalancers.append(.init(targetGroupArn: group, containerName: service.name, containerPort: port.target))
                }
            }
        }
        var serviceConnect: ECSClient.ServiceConnectConfiguration?
        if let namespace = target.namespace {
            // Every service is a client of the namespace; those with TCP ports are also servers,
            // reachable by their compose name as under compose.
            let servers = task.members.flatMap { service in
                (service.ports.filter { $0.transport == .tcp }.map(\.target) + service.expose.filter { $0.transport == .tcp }.map(\.port))
                    .uniqued().map { port in
                        ECSClient.ServiceConnectService(
                            portName: "\(Names.slug(service.name))-\(port)-tcp", discoveryName: "\(Names.slug(service.name))-\(port)",
                            clientAliases: [.init(port: port, dnsName: service.name)])
                    }
            }
            serviceConnect = .init(enabled: true, namespace: namespace, services: servers.isEmpty ? nil : servers)
        }
        let minimumHealthy = task.members.lazy.compactMap(\.aws.minimumHealthyPercent).first
        let maximum = task.members.lazy.compactMap(\.aws.maximumPercent).first
        var spec = ServiceSpec(
            cluster: target.cluster, serviceName: task.name, taskDefinition: taskDefinition, desiredCount: task.replicas,
            networkConfiguration: .init(
                awsvpcConfiguration: .init(
                    subnets: target.subnets, securityGroups: [target.servicesSecurityGroup], assignPublicIp: target.assignPublicIp)),
            loadBalancers: loadBalancers.isEmpty ? nil : loadBalancers,
            deploymentConfiguration: .init(
                deploymentCircuitBreaker: .init(enable: true, rollback: true),
                minimumHealthyPercent: minimumHealthy ?? 100, maximumPercent: maximum ?? 200),
            healthCheckGracePeriodSeconds: loadBalancers.isEmpty ? nil : 60,
            serviceConnectConfiguration: serviceConnect, enableExecuteCommand: true, propagateTags: "SERVICE",
            tags: tags([(BerthTag.service, task.name)]))
        let hash = try Self.hash(spec.comparable)
        spec.tags?.append(ECSTag(BerthTag.hash, hash))
        return spec
    }
}
