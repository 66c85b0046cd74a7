import AWSRuntime
import AWSServices
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// The site's container output from CloudWatch Logs, as `docker compose logs` shows a
    /// project's: one coloured column per service, merged in time order.
    struct Logs: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "logs",
            abstract: "Show the services' output from CloudWatch Logs, merged in time order.",
            discussion: """
                Examples:
                  berth logs --env prod                       every service, everything kept
                  berth logs cms --since 1h --filter ERROR    one service's errors of the last hour
                  berth logs --env prod --follow --tail 50    the last 50 lines, then new ones as they come (Ctrl-C ends)
                """)

        @OptionGroup var globals: GlobalOptions

        @Argument(help: ArgumentHelp("Compose services to show (default: all).", valueName: "service"))
        var services: [String] = []

        @Option(help: ArgumentHelp("From this time: a duration back from now (10m, 2h, 1d) or an ISO 8601 time.", valueName: "time"))
        var since: String?

        @Option(help: ArgumentHelp("Up to this time, as --since.", valueName: "time"))
        var until: String?

        @Option(help: ArgumentHelp("Only events matching this CloudWatch Logs filter pattern, e.g. ERROR or \"?ERROR ?WARN\".", valueName: "pattern"))
        var filter: String?

        @Flag(help: "Keep printing new lines as they arrive, until Ctrl-C.")
        var follow = false

        @Option(help: ArgumentHelp("Only the last N lines of the range (with --follow: then the new ones).", valueName: "N"))
        var tail: Int?

        @Option(help: ArgumentHelp("Only this task's lines (its id, or the start of it).", valueName: "id"))
        var task: String?

        @Flag(name: [.customShort("t"), .long], help: "Show each line's time.")
        var timestamps = false

        @Flag(help: "No colours (also when NO_COLOR is set or the output is not a terminal).")
        var noColor = false

        func validate() throws {
            if let tail, tail < 0 { throw ValidationError("--tail takes a number of lines, 0 or more") }
            if follow && until != nil { throw ValidationError("--follow and --until cannot be combined") }
        }

        func run(_ context: CommandContext) async throws {
            let start = try since.map { try Self.time($0, option: "--since") }
            let end = try until.map { try Self.time($0, option: "--until") }
            let deployment = try await context.loadDeployment(toleratingErrors: true)
            try context.checkServiceNames(services, in: deployment.site)
            let session = try context.awsSession(siteRegion: deployment.site.region)
            let all = deployment.site.services.map(\.name)
            let chosen = services.isEmpty ? all : all.filter(services.contains)
            let reader = LogReader(
                logs: CloudWatchLogsClient(session.client), group: deployment.names.logGroup, services: chosen, wholeSite: services.isEmpty,
                filterPattern: filter, task: task)
            let lines = LogLines(
                services: chosen, format: context.globals.output, timestamps: timestamps,
                colour: !noColor && context.processEnvironment["NO_COLOR"] == nil && context.printer.console.isTerminal(.output))
            let print = { (event: LogEvent) in context.printer.console.write(lines.render(event), .output) }
            var printed: [String: Int] = [:]
            var newest = start ?? 0
            // With --tail, the follow takes over from the moment the tail was read.
            let tailRead = LogFollower.wallClock() - LogFollower.lookback
            if let tail {
                var last = RingBuffer<LogEvent>(capacity: tail)
                try await reader.read(from: start, to: end) { last.append($0) }
                for event in last.elements {
                    print(event)
                    printed[event.id] = event.timestamp
                    newest = max(newest, event.timestamp)
                }
            } else if !follow {
                try await reader.read(from: start, to: end, emit: print)
            }
            guard follow else { return }
            do {
                try await LogFollower(reader: reader).follow(
                    from: tail == nil ? start ?? 0 : max(newest, tailRead), alreadyPrinted: printed, emit: print)
            } catch is CancellationError {
                // Ctrl-C is how a follow ends.
            }
        }

        static func time(_ text: String, option: String) throws -> Int {
            guard let time = LogTime.parse(text) else {
                throw BadInputError("\(option) \(text) is neither a duration (10m, 2h, 1d) nor an ISO 8601 time (2026-12-04T09:30:00Z)")
            }
            return time
        }
    }
}
