import AWSRuntime
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// Whether the deployed containers can reach each other, from AWS's configuration. Read-only.
    struct Verify: BerthCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that the deployed services can reach what they depend on.",
            discussion: """
                For each depends_on between services in different tasks: the services' security group lets the \
                dependency's port in, the dependency registers its name and port in Service Connect, and the \
                client is a Service Connect client (so the name resolves). For each published port: the load \
                balancer's targets are healthy. Each failure names its cause and the fix. Exits 1 when a check \
                fails. At start-up each service's berth-wait container also checks its dependencies and logs \
                one line each (berth logs SERVICE).

                Examples:
                  berth verify --env prod
                  berth verify --env prod --output json
                """)

        @OptionGroup var globals: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment(toleratingErrors: true)
            let session = try context.awsSession(siteRegion: deployment.site.region)
            let deployer = try context.siteDeployer(deployment, progress: ProgressRenderer(printer: context.printer))
            let findings = try await deployer.verify(client: session.client)
            try context.printer.result(findings) { Self.text(findings) }
            if findings.contains(where: { !$0.ok }) { throw ReportedFailure(.failure) }
        }

        static func text(_ findings: [VerifyFinding]) -> String {
            guard !findings.isEmpty else { return "nothing to check: no service depends on another task's, and none is published" }
            var lines = findings.map { finding in
                "\(finding.ok ? "ok  " : "FAIL") \(finding.check.rawValue) \(finding.subject): \(finding.detail)"
                    + (finding.fix.map { "\n       fix: \($0)" } ?? "")
            }
            let failed = findings.filter { !$0.ok }.count
            lines.append(failed == 0 ? "all \(findings.count) checks passed" : "\(failed) of \(findings.count) checks failed")
            return lines.joined(separator: "\n")
        }
    }
}
