import AWSServices
import ComposeModel
import StackTemplates

extension DesiredStateBuilder {
    /// CreateService's input for a task, tagged with `berth:hash`: the hash of its settings
    /// (`comparable`), which tells the API mode whether the service needs an update.
    package func serviceSpec(_ task: SiteTask, taskDefinition: String) throws -> ServiceSpec {
        var spec = try desiredService(task, taskDefinition: .literal(taskDefinition)).ecsRequest()
        let hash = try Self.hash(spec.comparable)
        spec.tags?.append(ECSTag(BerthTag.hash, hash))
        return spec
    }

    /// One ECS service per task: every member's target groups (to the member's container) and
    /// every member's ports in Service Connect under the member's name.
    package func desiredService(_ task: SiteTask, taskDefinition: StackString) -> DesiredService {
        var loadBalancers: [DesiredService.LoadBalancer] = []
        for service in task.members {
            for port in service.ports where port.published != nil {
                if let group = target.targetGroups[SiteTarget.targetGroupKey(service: service.name, port: port.target)],
                    !loadBalancers.contains(where: { $0.targetGroupArn == group })
                {
                    loadBalancers.append(.init(targetGroupArn: group, containerName: service.name, containerPort: port.target))
                }
            }
        }
        var serviceConnect: DesiredService.ServiceConnect?
        if let namespace = target.namespace {
            // Every service is a client of the namespace; those with TCP ports are also servers,
            // reachable by their compose name as under compose.
            let servers = task.members.flatMap { service in
                service.serviceConnectPorts.map { port in
                    DesiredService.ServiceConnect.Server(
                        portName: "\(Names.slug(service.name))-\(port)-tcp", discoveryName: "\(Names.slug(service.name))-\(port)",
                        clientAliases: [.init(port: port, dnsName: service.name)])
                }
            }
            serviceConnect = .init(namespace: namespace, services: servers)
        }
        // A volume's only writer is replaced stop-first (0% / 100%), a short downtime, rather
        // than with old and new tasks writing the same files; x-aws-min/max_percent still win.
        let stopFirst = !task.singleWriterVolumes.isEmpty
        let minimumHealthy = task.members.lazy.compactMap(\.aws.minimumHealthyPercent).first ?? (stopFirst ? 0 : 100)
        let maximum = task.members.lazy.compactMap(\.aws.maximumPercent).first ?? (stopFirst ? 100 : 200)
        var service = DesiredService(
            cluster: target.cluster, serviceName: task.name, taskDefinition: taskDefinition, desiredCount: task.replicas,
            subnets: target.subnets, securityGroups: [target.servicesSecurityGroup], assignPublicIp: target.assignPublicIp,
            deployment: .init(circuitBreaker: true, minimumHealthyPercent: minimumHealthy, maximumPercent: maximum),
            enableExecuteCommand: true, propagateTags: "SERVICE", tags: desiredTags([(BerthTag.service, task.name)]))
        service.loadBalancers = loadBalancers
        service.healthCheckGracePeriodSeconds = loadBalancers.isEmpty ? nil : 60
        service.serviceConnect = serviceConnect
        return service
    }
}
