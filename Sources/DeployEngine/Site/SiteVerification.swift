import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

/// `berth verify`: whether the running site's containers can reach each other, read from AWS's
/// own configuration. Each finding names what it checked, and for a failure its cause and fix.
package struct VerifyFinding: Sendable, Equatable, Encodable {
    package enum Check: String, Sendable, Encodable {
        /// The services' security group lets a dependency's port in from the services.
        case securityGroup = "security-group"
        /// The dependency's ECS service registers its name and port in Service Connect, and the
        /// client's service is a Service Connect client.
        case serviceConnect = "service-connect"
        /// The load balancer sees the published service's targets healthy.
        case targets
        /// The probe task reached every running task of the dependency at its port.
        case reachability
    }

    package var check: Check
    /// `cms -> db:5432`, or a target group's service and port.
    package var subject: String
    package var ok: Bool
    package var detail: String
    package var fix: String?

    package init(check: Check, subject: String, ok: Bool, detail: String, fix: String? = nil) {
        self.check = check
        self.subject = subject
        self.ok = ok
        self.detail = detail
        self.fix = fix
    }
}

/// What `berth verify` found: the checks, and the probe's matrix (nil when no probe ran).
package struct VerifyReport: Sendable, Equatable, Encodable {
    package var findings: [VerifyFinding]
    package var reachability: [Reachability]?

    package init(findings: [VerifyFinding], reachability: [Reachability]?) {
        self.findings = findings
        self.reachability = reachability
    }

    package var ok: Bool { findings.allSatisfy(\.ok) }
}

extension SiteDeployer {
    /// `berth verify`: the static checks, read from AWS's configuration, then (with `probe`) the
    /// probe task's connections. Changes nothing but starting the probe task.
    package func verify(
        client: AWSClient, probe: Bool, waiter: Waiter = .operations(timeout: 600),
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> VerifyReport {
        guard let target = try await readTarget(accountId: try await backend.accountId()) else {
            throw DeployError("\(names.stack) is not deployed", hint: "run `berth deploy` first")
        }
        let edges = site.dependencyEdges
        var findings: [VerifyFinding] = []

        let groups = try await EC2Client(client).describeSecurityGroups(ids: [target.servicesSecurityGroup])
        let rules = groups.first?.ipPermissions ?? []
        for edge in edges {
            let open = rules.contains { $0.allows(tcp: edge.port, from: target.servicesSecurityGroup) }
            findings.append(
                VerifyFinding(
                    check: .securityGroup, subject: edge.text, ok: open,
                    detail: open
                        ? "the services' security group lets port \(edge.port) in from the services"
                        : "the services' security group \(target.servicesSecurityGroup) has no rule for TCP \(edge.port) from the services",
                    fix: open ? nil : "add expose: [\"\(edge.port)\"] to \(edge.server) (Berth opens the ports services expose) and run berth deploy")
            )
        }

        func taskName(_ service: String) -> String { site.task(containing: service)?.name ?? service }
        let taskNames = Array(Set(edges.flatMap { [taskName($0.client), taskName($0.server)] })).sorted()
        var services: [String: ECSClient.Service] = [:]
        for service in try await ECSClient(client).describeServices(cluster: target.cluster, named: taskNames) where service.status == .active {
            if let name = service.serviceName { services[name] = service }
        }
        for edge in edges {
            let serverTask = taskName(edge.server)
            let clientTask = taskName(edge.client)
            let serverConfig = Self.serviceConnect(of: services[serverTask])
            let clientConfig = Self.serviceConnect(of: services[clientTask])
            let registered =
                serverConfig?.services?.contains { service in
                    service.clientAliases?.contains { $0.dnsName == edge.server && $0.port == edge.port } == true
                } == true
            let problem: (String, String)? =
                services[serverTask] == nil
                ? ("\(edge.server) has no running ECS service", "run berth deploy; berth status shows the services")
                : !registered
                    ? (
                        "\(edge.server) does not register \(edge.server):\(edge.port) in Service Connect",
                        "add expose: [\"\(edge.port)\"] to \(edge.server) and run berth deploy"
                    )
                    : clientConfig?.enabled != true
                        ? ("\(edge.client) is not a Service Connect client, so the name \(edge.server) does not resolve in it", "run berth deploy")
                        : nil
            findings.append(
                VerifyFinding(
                    check: .serviceConnect, subject: edge.text, ok: problem == nil,
                    detail: problem?.0 ?? "\(edge.client) reaches \(edge.server) at \(edge.server):\(edge.port) through Service Connect",
                    fix: problem?.1))
        }

        let elb = ELBv2Client(client)
        for (key, group) in target.targetGroups.sorted(by: { $0.key < $1.key }) {
            let health = try await elb.describeTargetHealth(targetGroupArn: group)
            let healthy = health.filter { $0.TargetHealth?.State == "healthy" }.count
            let sick = health.filter { !["healthy", "initial", "draining"].contains($0.TargetHealth?.State ?? "") }
            let ok = healthy > 0 && sick.isEmpty
            var detail = "\(healthy) of \(health.count) target\(health.count == 1 ? "" : "s") healthy"
            if let first = sick.first?.TargetHealth {
                detail += "; \(first.State ?? "?"): \(first.Description ?? first.Reason ?? "no reason given")"
            }
            findings.append(
                VerifyFinding(
                    check: .targets, subject: key, ok: ok, detail: detail,
                    fix: ok
                        ? nil
                        : health.isEmpty
                            ? "no task is registered: berth status shows whether the service's tasks start"
                            : "check the service's health check path and port (x-berth or the compose healthcheck); berth logs shows what it answered"
                ))
        }
        guard probe else { return VerifyReport(findings: findings, reachability: nil) }
        let probed = try await self.probe(client: client, target: target, edges: edges, waiter: waiter, progress: progress)
        return VerifyReport(findings: findings + probed.findings, reachability: probed.matrix)
    }

    /// The Service Connect configuration the service's newest deployment runs with.
    static func serviceConnect(of service: ECSClient.Service?) -> ECSClient.ServiceConnectConfiguration? {
        service?.deployments?.first { $0.status == .primary }?.serviceConnectConfiguration
            ?? service?.deployments?.first?.serviceConnectConfiguration
    }
}
