import ArgumentParser
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// The deployed stack's alarms with their state, for the person on call. Read-only.
    struct Alarms: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "alarms",
            abstract: "List the site's CloudWatch alarms with their state and reason.",
            discussion: """
                Per task: CPU and memory above their thresholds, and fewer tasks running than desired; per \
                published HTTP port: server errors and unhealthy targets; per volume: the file system near its \
                I/O limit. Each notifies the site's SNS topic (the x-berth.alarms e-mail addresses) when it fires \
                and when it recovers. Thresholds are set in x-berth.alarms (cpu, memory, http_5xx, minutes), per \
                service in its x-berth.alarms; alarms: off turns them off for an environment. Exits 1 when one \
                is in ALARM.

                Examples:
                  berth alarms --env prod
                  berth alarms --env prod --output json
                """)

        @OptionGroup var globals: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment(toleratingErrors: true)
            let deployer = try context.siteDeployer(deployment, progress: ProgressRenderer(printer: context.printer))
            let alarms = try await deployer.alarms()
            try context.printer.result(alarms) { Self.text(alarms, enabled: deployment.infra.alarmsEnabled) }
            if alarms.contains(where: { $0.state.state == "ALARM" }) { throw ReportedFailure(.failure) }
        }

        static func text(_ alarms: [SiteAlarm], enabled: Bool) -> String {
            guard !alarms.isEmpty else {
                return enabled ? "no alarms found on the stack (deploy to create them)" : "alarms are off (x-berth.alarms: off)"
            }
            let width = alarms.map(\.state.state.count).max() ?? 0
            return alarms.map { alarm in
                var line = alarm.state.state.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + alarm.description
                if alarm.state.state == "ALARM", let reason = alarm.state.reason { line += "\n" + String(repeating: " ", count: width + 2) + reason }
                return line
            }.joined(separator: "\n")
        }
    }
}
