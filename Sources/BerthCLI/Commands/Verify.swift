import AWSRuntime
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// Whether the deployed containers can reach each other: from AWS's configuration, then by
    /// trying the connections from a probe task in the services' network.
    struct Verify: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check that the deployed services can reach what they depend on.",
            discussion: """
                For each depends_on between services in different tasks: the services' security group lets the \
                dependency's port in, the dependency registers its name and port in Service Connect, and the \
                client is a Service Connect client (so the name resolves). For each published port: the load \
                balancer's targets are healthy. Then a one-off probe task, in the services' subnets with their \
                security group, tries a TCP connection to every running task of every dependency and prints the \
                matrix of who reaches whom (--no-probe skips it; the task takes a minute to start on Fargate). \
                Each failure names its cause and the fix. Exits 1 when a check fails. At start-up each service's \
                berth-wait container also checks its dependencies and logs one line each (berth logs SERVICE).

                Examples:
                  berth verify --env prod
                  berth verify --env prod --no-probe
                  berth verify --env prod --output json
                """)

        @OptionGroup var globals: GlobalOptions

        @Flag(name: .customLong("probe"), inversion: .prefixedNo, help: "Run the probe task that tries each dependency's port.")
        var probe = true

        @Option(name: .customLong("timeout"), help: "Minutes to wait for the probe task.")
        var timeout: Double = 10

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment(toleratingErrors: true)
            let session = try context.awsSession(siteRegion: deployment.site.region)
            let deployer = try context.siteDeployer(deployment, progress: ProgressRenderer(printer: context.printer))
            let printer = context.printer
            let report = try await deployer.verify(
                client: session.client, probe: probe, waiter: .operations(timeout: timeout * 60),
                progress: { printer.progress($0) })
            try printer.result(report) { Self.text(report) }
            if !report.ok { throw ReportedFailure(.failure) }
        }

        static func text(_ report: VerifyReport) -> String {
            let findings = report.findings
            guard !findings.isEmpty else { return "nothing to check: no service depends on another task's, and none is published" }
            var lines = findings.map { finding in
                "\(finding.ok ? "ok  " : "FAIL") \(finding.check.rawValue) \(finding.subject): \(finding.detail)"
                    + (finding.fix.map { "\n       fix: \($0)" } ?? "")
            }
            if let matrix = report.reachability, !matrix.isEmpty { lines += [""] + Self.matrix(matrix) + [""] }
            let failed = findings.filter { !$0.ok }.count
            lines.append(failed == 0 ? "all \(findings.count) checks passed" : "\(failed) of \(findings.count) checks failed")
            return lines.joined(separator: "\n")
        }

        /// Clients down, dependencies across: how many of the dependency's tasks answered the
        /// probe at the port the client uses; `-` where the client does not depend on it.
        static func matrix(_ reachability: [Reachability]) -> [String] {
            let clients = reachability.map(\.client).uniqued()
            let servers = reachability.map(\.server).uniqued()
            let cells = clients.map { client in
                servers.map { server in
                    reachability.first { $0.client == client && $0.server == server }.map {
                        "\($0.ok ? "ok" : "FAIL") \($0.answered.count)/\($0.addresses.count) :\($0.port)"
                    } ?? "-"
                }
            }
            let first = max(clients.map(\.count).max() ?? 0, "reaches".count)
            let widths = servers.indices.map { column in max(servers[column].count, cells.map { $0[column].count }.max() ?? 0) }
            func row(_ head: String, _ values: [String]) -> String {
                ([head.padding(toLength: first, withPad: " ", startingAt: 0)]
                    + values.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) })
                    .joined(separator: "  ").trimmingSuffixSpaces
            }
            return [row("reaches", servers)] + zip(clients, cells).map { row($0, $1) }
        }
    }
}

extension String {
    fileprivate var trimmingSuffixSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
