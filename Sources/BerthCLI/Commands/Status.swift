import AWSRuntime
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation

extension Berth {
    /// What is running: the stack's state and each service's tasks and revision. Read-only.
    struct Status: BerthCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the infrastructure stack and the services as they run now.",
            discussion: """
                Examples:
                  berth status --env prod                     services, addresses, file systems, kept data
                  berth status --env prod --output json       the same for scripts
                """)

        @OptionGroup var globals: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment(toleratingErrors: true)
            let session = try context.awsSession(siteRegion: deployment.site.region)
            let report = try await SiteStatus.read(
                names: deployment.names, site: deployment.site, input: deployment.infra, backend: AWSServicesBackend(client: session.client),
                stacks: StackDeployer(client: session.client))
            guard report.deployed else {
                try context.printer.result(report) {
                    var lines = ["\(report.stack) is not deployed"]
                    if !report.kept.isEmpty { lines += ["kept data (the next deploy takes it back):"] + Self.lines(report.kept) }
                    return lines.joined(separator: "\n")
                }
                return
            }
            try context.printer.result(report) {
                var lines = ["stack \(report.stack)" + (report.urls.isEmpty ? "" : ", " + report.urls.joined(separator: ", "))]
                for service in report.services {
                    lines.append(
                        "  \(service.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(service.running)/\(service.desired) running  \(service.taskDefinition)  \(service.status)\(service.rollout.map { ", rollout \($0)" } ?? "")\(service.containers.map { "  [\($0.joined(separator: ", "))]" } ?? "")"
                    )
                }
                for (volume, id) in report.fileSystems.sorted(by: { $0.key < $1.key }) { lines.append("  volume \(volume): file system \(id)") }
                if let bucket = report.backupBucket { lines.append("  backups: s3://\(bucket)") }
                if !report.kept.isEmpty {
                    lines += ["kept data no stack uses (`berth down --infra --delete-data` deletes it):"] + Self.lines(report.kept)
                }
                return lines.joined(separator: "\n")
            }
        }

        static func lines(_ kept: RetainedData) -> [String] {
            kept.fileSystems.map { "  file system \($0.id)\($0.volume.map { " (volume \($0))" } ?? "")" }
                + kept.buckets.map { "  backup bucket \($0)" }
        }
    }
}
