import AWSRuntime
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation

extension Berth {
    /// What is running: the stack's state and each service's tasks and revision. Read-only.
    struct Status: BerthCommand {
        static let configuration = CommandConfiguration(abstract: "Show the infrastructure stack and the services as they run now.")

        @OptionGroup var globals: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment(toleratingErrors: true)
            let session = try context.awsSession(siteRegion: deployment.site.region)
            let report = try await SiteStatus.read(
                names: deployment.names, site: deployment.site, input: deployment.infra, backend: AWSServicesBackend(client: session.client),
                stacks: StackDeployer(client: session.client))
            guard report.deployed else {
                try context.printer.result(report) { "\(report.stack) is not deployed" }
                return
            }
            try context.printer.result(report) {
                var lines = ["stack \(report.stack)" + (report.urls.isEmpty ? "" : ", " + report.urls.joined(separator: ", "))]
                for service in report.services {
                    lines.append(
                        "  \(service.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(service.running)/\(service.desired) running  \(service.taskDefinition)  \(service.status)\(service.rollout.map { ", rollout \($0)" } ?? "")\(service.containers.map { "  [\($0.joined(separator: ", "))]" } ?? "")"
                    )
                }
                return lines.joined(separator: "\n")
            }
        }
    }
}
