import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

/// One dependency as the probe found it: how many of the server's running tasks answered.
package struct Reachability: Sendable, Equatable, Encodable {
    package var client: String
    package var server: String
    package var port: Int
    /// The private addresses of the server's running tasks.
    package var addresses: [String]
    /// Those that accepted a TCP connection on `port`.
    package var answered: [String]

    package init(client: String, server: String, port: Int, addresses: [String], answered: [String]) {
        self.client = client
        self.server = server
        self.port = port
        self.addresses = addresses
        self.answered = answered
    }

    package var ok: Bool { !addresses.isEmpty && answered.count == addresses.count }
}

extension SiteDeployer {
    /// The dynamic check of `berth verify`: a one-off task of the stack's probe definition
    /// (`ReachabilityProbe`) in the services' subnets with their security group, which tries a
    /// TCP connection to every running task of every dependency. One finding per dependency.
    func probe(client: AWSClient, target: SiteTarget, edges: [DependencyEdge], waiter: Waiter, progress: @escaping @Sendable (String) -> Void)
        async throws -> (findings: [VerifyFinding], matrix: [Reachability])
    {
        guard !edges.isEmpty else { return ([], []) }
        let ecs = ECSClient(client)
        var addresses: [String: [String]] = [:]
        for server in edges.map(\.server).uniqued() {
            let task = site.task(containing: server)?.name ?? server
            addresses[server] = try await ecs.runningTasks(cluster: target.cluster, serviceName: task).compactMap(\.privateIPv4Address).sorted()
        }
        let targets = edges.flatMap { edge in
            (addresses[edge.server] ?? []).map { ReachabilityProbe.Result(server: edge.server, address: $0, port: edge.port, open: false).target }
        }.uniqued()
        var results: [ReachabilityProbe.Result] = []
        if !targets.isEmpty {
            do {
                _ = try await ecs.describeTaskDefinition(names.probeTaskFamily, includeTags: false)
            } catch let error as AWSServiceError where error.isTaskDefinitionNotFound {
                let finding = VerifyFinding(
                    check: .reachability, subject: "probe", ok: false,
                    detail: "the deployed stack has no probe task (\(names.probeTaskFamily)), so no connection was tried",
                    fix: "run berth deploy to add it, or berth verify --no-probe for the static checks only")
                return ([finding], [])
            }
            let run = try await OneOffTask(
                client: client, names: names,
                network: .init(
                    cluster: target.cluster, subnets: target.subnets, securityGroup: target.servicesSecurityGroup,
                    assignPublicIp: target.assignPublicIp)
            ).run(
                family: names.probeTaskFamily, purpose: "probe", containers: [ReachabilityProbe.containerName],
                logPrefix: ReachabilityProbe.logPrefix,
                overrides: [ReachabilityProbe.containerName: [(ReachabilityProbe.targetsVariable, targets.joined(separator: " "))]],
                token: "berth-probe-" + UUID().uuidString, waiter: waiter, progress: progress)
            results = run.output.compactMap(ReachabilityProbe.Result.init(line:))
        }
        let matrix = edges.map { edge in
            let found = addresses[edge.server] ?? []
            return Reachability(
                client: edge.client, server: edge.server, port: edge.port, addresses: found,
                answered: found.filter { address in
                    results.contains { $0.server == edge.server && $0.address == address && $0.port == edge.port && $0.open }
                })
        }
        return (matrix.map(Self.finding), matrix)
    }

    static func finding(_ reach: Reachability) -> VerifyFinding {
        let subject = DependencyEdge(client: reach.client, server: reach.server, port: reach.port).text
        let count = "\(reach.answered.count) of \(reach.addresses.count) task\(reach.addresses.count == 1 ? "" : "s") of \(reach.server)"
        if reach.addresses.isEmpty {
            return VerifyFinding(
                check: .reachability, subject: subject, ok: false, detail: "no task of \(reach.server) is running, so nothing answers",
                fix: "berth status shows why; berth logs \(reach.server) what it said")
        }
        if reach.ok {
            return VerifyFinding(
                check: .reachability, subject: subject, ok: true, detail: "\(count) answered on TCP \(reach.port) from the services' network")
        }
        let silent = reach.addresses.filter { !reach.answered.contains($0) }
        return VerifyFinding(
            check: .reachability, subject: subject, ok: false,
            detail:
                "\(silent.joined(separator: ", ")) did not answer on TCP \(reach.port) within \(ReachabilityProbe.timeoutSeconds) s (\(count) answered)",
            fix:
                "if the security-group check passes, \(reach.server) does not listen on \(reach.port): make it listen on 0.0.0.0:\(reach.port) or expose the port it uses; berth logs \(reach.server)"
        )
    }
}
