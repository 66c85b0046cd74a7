import AWSRuntime
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation

extension Berth {
    /// What is running, for the person on call: each service's tasks, rollout, revision, size and
    /// use, images, alarms and addresses; the data; a monthly estimate. Read-only.
    struct Status: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show the infrastructure stack and the services as they run now.",
            discussion: """
                Examples:
                  berth status --env prod                     services, addresses, file systems, kept data, cost
                  berth status --env prod --watch             the same, refreshed every 10 seconds until Ctrl-C
                  berth status --env prod --output json       the same for scripts
                """)

        @OptionGroup var globals: GlobalOptions

        @Flag(help: "Refresh until Ctrl-C.")
        var watch = false

        @Option(help: ArgumentHelp("Seconds between refreshes with --watch.", valueName: "seconds"))
        var interval: Double = 10

        func validate() throws {
            if interval < 2 { throw ValidationError("--interval must be at least 2 seconds") }
        }

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment(toleratingErrors: true)
            let session = try context.awsSession(siteRegion: deployment.site.region)
            let backend = AWSServicesBackend(client: session.client)
            let stacks = StackDeployer(client: session.client)
            repeat {
                let report = try await SiteStatus.read(
                    names: deployment.names, site: deployment.site, input: deployment.infra, backend: backend, stacks: stacks)
                if watch && context.globals.output == .text && context.printer.console.isTerminal(.output) {
                    context.printer.console.write("\u{1B}[H\u{1B}[2J", .output)
                }
                try context.printer.result(report) { Self.text(report) }
                guard watch else { return }
                do {
                    try await Task.sleep(nanoseconds: UInt64(interval * 1e9))
                } catch {
                    return  // Ctrl-C ends a watch.
                }
            } while true
        }

        static func text(_ report: SiteStatus) -> String {
            guard report.deployed else {
                var lines = ["\(report.stack) is not deployed"]
                if !report.kept.isEmpty { lines += ["kept data (the next deploy takes it back):"] + Self.lines(report.kept) }
                return lines.joined(separator: "\n")
            }
            var lines = ["stack \(report.stack)"]
            let width = report.services.map(\.name.count).max() ?? 0
            for service in report.services {
                var head = "  \(service.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(service.running)/\(service.desired) running"
                if service.pending > 0 { head += ", \(service.pending) pending" }
                head += "  \(service.taskDefinition)  \(service.status)"
                if let rollout = service.rollout { head += ", rollout \(rollout)" }
                if let size = service.size { head += "  \(size)" }
                if let use = service.utilization, use.cpu != nil || use.memory != nil {
                    head +=
                        "  using "
                        + [use.cpu.map { "cpu \(Int($0.rounded()))%" }, use.memory.map { "memory \(Int($0.rounded()))%" }].compactMap { $0 }.joined(
                            separator: ", ")
                }
                lines.append(head)
                let indent = String(repeating: " ", count: width + 4)
                if let containers = service.containers { lines.append(indent + "containers: " + containers.joined(separator: ", ")) }
                for image in service.images { lines.append(indent + "\(image.container): \(image.image)" + (image.digest.map { " → \($0)" } ?? "")) }
                lines += service.addresses.map { indent + "URL: \($0)" }
                if let summary = Self.alarmSummary(service.alarms) { lines.append(indent + summary) }
                lines += service.alarms.filter { $0.state == "ALARM" }.map { indent + "  \($0.name): \($0.reason ?? "no reason given")" }
                if let reason = service.rolloutReason, service.rollout == "failed" { lines.append(indent + "rollout failed: \(reason)") }
                lines += service.events.map { indent + "event: \($0)" }
            }
            for (volume, id) in report.fileSystems.sorted(by: { $0.key < $1.key }) { lines.append("  volume \(volume): file system \(id)") }
            if let bucket = report.backupBucket { lines.append("  backups: s3://\(bucket)") }
            if !report.kept.isEmpty {
                lines += ["kept data no stack uses (`berth down --infra --delete-data` deletes it):"] + Self.lines(report.kept)
            }
            if let cost = report.monthlyCost {
                lines.append("estimated monthly cost: \(MonthlyCost.dollars(cost.total)) (\(cost.prices); without data transfer and requests)")
                lines += cost.lines.map { "  \($0.item): \(MonthlyCost.dollars($0.dollars))" }
            }
            return lines.joined(separator: "\n")
        }

        /// `alarms: 1 ALARM, 4 OK` (the firing ones follow with their reasons; `berth alarms` lists all).
        static func alarmSummary(_ alarms: [AlarmState]) -> String? {
            guard !alarms.isEmpty else { return nil }
            let counts = Dictionary(grouping: alarms, by: \.state).mapValues(\.count)
            let order = ["ALARM", "INSUFFICIENT_DATA", "OK"]
            let states = counts.keys.sorted { (order.firstIndex(of: $0) ?? 9, $0) < (order.firstIndex(of: $1) ?? 9, $1) }
            return "alarms: " + states.map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
        }

        static func lines(_ kept: RetainedData) -> [String] {
            kept.fileSystems.map { "  \($0.label)" }
                + kept.buckets.map { "  backup bucket \($0)" }
        }
    }
}
