import ComposeModel
import Foundation

extension InfraStackInput {
    /// Ports that are HTTP unless `x-aws-protocol` says otherwise; any other published port is
    /// plain TCP behind a network load balancer, as in Docker's ECS integration.
    static let httpPorts: Set<Int> = [80, 443, 3000, 5000, 8000, 8080, 8443, 8888]

    /// Default CloudWatch Logs retention when the file sets none.
    package static let defaultLogRetentionDays = 30

    /// - Parameter site: a site already resolved for `environment`.
    package init(site: Site, environmentName environment: String) {
        let serviceIds = LogicalIDs(names: site.services.map(\.name))
        let volumeIds = LogicalIDs(names: site.volumes.map(\.name))
        names = Names(project: site.projectName, environment: environment)
        existingVPC = site.aws.vpc
        privateSubnets = site.aws.vpc == nil && site.berth.privateSubnets == true
        existingCluster = site.aws.cluster
        existingLoadBalancer = site.aws.loadBalancer
        logRetentionDays = site.aws.logsRetentionDays ?? Self.defaultLogRetentionDays
        alarmEmails = site.berth.alarms?.email ?? []
        alarmsEnabled = site.berth.alarms?.enabled ?? true
        let siteLimits = AlarmLimits.defaults.overridden(by: site.berth.alarms?.limits ?? AlarmLimits())
        let serviceLimits = Dictionary(
            site.services.map { ($0.name, siteLimits.overridden(by: $0.berth.alarms ?? AlarmLimits())) }, uniquingKeysWith: { a, _ in a })
        backupRetentionDays = (site.berth.backup ?? .defaults).retentionDays
        let backedUp = site.backedUpVolumes.map(\.name)
        backup = backedUp.isEmpty ? nil : BackupInput(schedule: (site.berth.backup ?? .defaults).schedule, volumes: backedUp)
        probe = !site.dependencyEdges.isEmpty
        overlay = site.aws.cloudFormation
        volumes = site.volumes.map { volume in
            VolumeInput(
                name: volume.name, logicalId: volumeIds.id(volume.name), directory: volume.directory,
                externalFileSystem: volume.external ? volume.externalName : nil)
        }
        services = site.services.map { service in
            let listeners = Self.mergingTCPAndUDP(
                service.ports.compactMap { port -> ListenerInput? in
                    guard let published = port.published else { return nil }
                    return ListenerInput(
                        publishedPort: published, containerPort: port.target, kind: Self.kind(of: port),
                        certificate: service.berth.certificate.map(ListenerInput.Certificate.arn),
                        healthCheckPath: Self.healthCheckPath(service.healthCheck, port: port.target))
                })
            let containerPorts = Array(Set(service.expose.map(\.port) + service.ports.map(\.target))).sorted()
            return ServiceInput(
                name: service.name, logicalId: serviceIds.id(service.name),
                volumes: service.mounts.filter { $0.kind == .volume }.compactMap(\.source).uniqued(),
                listeners: listeners, containerPorts: containerPorts, hasRepository: service.build != nil,
                managedPolicies: service.aws.policies, inlinePolicy: service.aws.role, usesSecrets: !service.secrets.isEmpty,
                domain: service.berth.domain.map { DomainInput(name: $0) }, alarmLimits: serviceLimits[service.name] ?? siteLimits)
        }
        // Secrets become Secrets Manager secrets and configs Parameter Store parameters (see the
        // engine's FileInjection); external ones are read where they are.
        for service in site.services {
            for secret in service.secrets {
                guard let definition = site.definition(of: secret), definition.source.kind == .external else { continue }
                externalSecrets.append(definition.source.value)
            }
            externalSecrets += [service.aws.pullCredentials].compactMap { $0 }
            for file in service.configFiles {
                let source = site.source(of: file)
                if source.kind == .external { externalParameters.append(source.value) }
            }
        }
        externalSecrets = externalSecrets.uniqued()
        externalParameters = externalParameters.uniqued()
        let siteTasks = site.tasks
        let names = site.services.map(\.name)
        let taskIds = LogicalIDs(names: names + siteTasks.map(\.name).filter { !names.contains($0) })
        tasks = siteTasks.map { task in
            let limits = AlarmLimits.strictest(task.memberNames.map { serviceLimits[$0] ?? siteLimits })
            if task.isSingle, let service = task.members.first {
                return TaskInput(
                    name: task.name, logicalId: serviceIds.id(service.name), members: [service.name], managedPolicies: service.aws.policies,
                    inlinePolicies: service.aws.role.map { [.init(name: "x-aws-role", document: $0)] } ?? [], alarmLimits: limits)
            }
            return TaskInput(
                name: task.name, logicalId: taskIds.id(task.name), members: task.memberNames,
                managedPolicies: task.members.flatMap(\.aws.policies).uniqued(),
                inlinePolicies: task.members.compactMap { member in
                    member.aws.role.map { .init(name: "x-aws-role-\(Names.slug(member.name))", document: $0) }
                }, alarmLimits: limits)
        }
    }

    /// `5000:5000/tcp` and `5000:5000/udp` together become one TCP_UDP listener: a load
    /// balancer cannot have two listeners on one port.
    static func mergingTCPAndUDP(_ listeners: [ListenerInput]) -> [ListenerInput] {
        var result: [ListenerInput] = []
        for listener in listeners {
            if let index = result.firstIndex(where: { $0.publishedPort == listener.publishedPort }) {
                if result[index].kind != listener.kind && (result[index].kind == .udp || listener.kind == .udp) {
                    result[index].kind = .tcpUDP
                }
                continue
            }
            result.append(listener)
        }
        return result
    }

    static func kind(of port: PortMapping) -> ListenerInput.Kind {
        switch port.awsProtocol?.lowercased() {
        case "http", "https": return .http
        case "tcp", "tls": return .tcp
        case "udp": return .udp
        default:
            if port.transport == .udp { return .udp }
            if port.servesItsOwnTLS { return .tcp }
            return httpPorts.contains(port.published ?? port.target) || port.appProtocol?.hasPrefix("http") == true ? .http : .tcp
        }
    }

    /// The path a compose health check probes (`curl -f http://localhost:3000/healthz` →
    /// `/healthz`), so the load balancer checks the same thing; `/` when there is none.
    static func healthCheckPath(_ check: HealthCheck?, port: Int) -> String {
        guard let check, !check.disabled else { return "/" }
        for word in check.test.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "\"" }) {
            guard let range = word.range(of: "://") else { continue }
            let afterScheme = word[range.upperBound...]
            guard let slash = afterScheme.firstIndex(of: "/") else { return "/" }
            let path = afterScheme[slash...].prefix { $0 != "?" && $0 != ")" && $0 != "," }
            return path.isEmpty ? "/" : String(path)
        }
        return "/"
    }
}
