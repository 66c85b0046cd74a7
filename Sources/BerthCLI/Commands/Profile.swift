import AWSRuntime
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// Right-sizing from what the tasks really used: read-only.
    struct Profile: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "profile",
            abstract: "Show each task's CPU and memory use against its Fargate size, the size it calls for, and its cost.",
            discussion: """
                Reads the ECS service metrics (CPUUtilization and MemoryUtilization, in percent of the task's size) \
                over the period: the median and 95th percentile of the period averages, and the highest maximum. \
                The recommended size gives the 95th percentile of CPU 30 % headroom and the highest memory use \
                20 %; the monthly change is at the prices shown. Tasks with the same copies whose needs fit one \
                cheaper size together are named as candidates for one task (x-berth.task). --format svg draws \
                the use over time.

                Examples:
                  berth profile --env prod
                  berth profile --env prod --since 30d --output json
                  berth profile --env prod --format svg > profile.svg
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, svg }

        @OptionGroup var globals: GlobalOptions

        @Option(help: ArgumentHelp("How far back to look: 14d, 36h, 1w.", valueName: "duration"))
        var since = "14d"

        @Option(help: ArgumentHelp("text, or svg (a chart on standard output).", valueName: "format"))
        var format: Format = .text

        func validate() throws {
            guard let seconds = LogTime.duration(since), seconds >= 3600 else {
                throw ValidationError("--since takes a duration of an hour or more, such as 14d, 36h or 1w")
            }
        }

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment(toleratingErrors: true)
            let session = try context.awsSession(siteRegion: deployment.site.region)
            let profile = try await SiteProfile.read(
                site: deployment.site, names: deployment.names, cluster: deployment.site.aws.cluster ?? deployment.names.cluster,
                client: session.client, since: LogTime.duration(since) ?? 14 * 86_400)
            if format == .svg {
                context.printer.write(ProfileChart.svg(profile), to: .output)
                return
            }
            try context.printer.result(profile) { Self.text(profile, since: since) }
        }

        static func text(_ profile: SiteProfile, since: String) -> String {
            func percent(_ value: UsageStatistics?) -> String {
                value.map { String(format: "%.0f/%.0f/%.0f%%", $0.p50, $0.p95, $0.max) } ?? "-"
            }
            var rows = [["TASK", "SIZE", "CPU p50/p95/max", "MEMORY p50/p95/max", "RECOMMENDED", "A MONTH"]]
            for task in profile.tasks {
                guard task.cpu != nil, task.memory != nil else {
                    rows.append([task.name, task.size, "no data", "", "", ""])
                    continue
                }
                let change = task.monthlyChange.map { abs($0) < 0.005 ? "same" : ($0 > 0 ? "+" : "-") + MonthlyCost.dollars(abs($0)) } ?? ""
                rows.append([
                    task.name, task.size, percent(task.cpu), percent(task.memory), task.recommended == task.size ? "as is" : task.recommended ?? "",
                    change,
                ])
            }
            let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            var lines = [
                "use over the last \(since) (\(profile.period / 60)-minute points) against each task's Fargate size:"
            ]
            lines += rows.map { row in
                row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces)
            }
            if profile.tasks.contains(where: { $0.cpu == nil }) {
                lines.append("no data: the task has not run in the period (or Berth has not deployed it to this cluster)")
            }
            for sharing in profile.sharing {
                lines.append(
                    "\(sharing.services.joined(separator: " and ")) could share one task of \(sharing.size), saving \(MonthlyCost.dollars(sharing.monthlySaving)) a month"
                        + " (x-berth: {task: NAME} on both)")
            }
            let total = profile.monthlyChange
            if abs(total) >= 0.005 {
                lines.append(
                    "at the recommended sizes: \(total < 0 ? "-" : "+")\(MonthlyCost.dollars(abs(total))) a month (\(profile.prices))")
            }
            return lines.joined(separator: "\n")
        }
    }
}
