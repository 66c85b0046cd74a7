import ArgumentParser
import ComposeModel
import Foundation

/// The root command. Its `main()` is Berth's own so that every failure leaves through
/// `ErrorRenderer`, with Berth's exit codes (2 for bad input, not ArgumentParser's 64).
package struct Berth: AsyncParsableCommand {
    package static var version: String { BuildInfo.version }

    package static let configuration = CommandConfiguration(
        commandName: "berth",
        abstract: "Deploy a compose-described website to AWS ECS Fargate.",
        discussion: """
            Berth reads the compose.yaml you already run locally and deploys it to Fargate: \
            a CloudFormation stack for the long-lived parts, and the services reconciled \
            through the API.
            """,
        version: BuildInfo.versionLine,
        subcommands: [
            Doctor.self, Validate.self, Config.self, Template.self, Plan.self, Deploy.self, Down.self, Status.self, Logs.self, Refresh.self,
            Push.self, Run.self, Exec.self, Diagram.self, Alarms.self, Backup.self, Restore.self, Volume.self, Profile.self, Verify.self, Dev.self,
            ECRCredential.self,
        ]
    )

    package init() {}

    package static func main(arguments: [String]? = nil) async -> Int32 {
        let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
        let command = Task { await run(arguments, in: Surroundings()) }
        let interrupts = Interrupts.install { command.cancel() }
        defer { interrupts.uninstall() }
        return await command.value
    }

    /// Parses and runs one command line in the given surroundings and returns its exit status;
    /// every failure is rendered on the surroundings' console.
    static func run(_ arguments: [String], in surroundings: Surroundings) async -> Int32 {
        do {
            try checkCommandName(arguments)
            var command = try parseAsRoot(arguments)
            if let berthCommand = command as? any BerthCommand {
                try await berthCommand.run(CommandContext(globals: berthCommand.globals, surroundings: surroundings))
            } else if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitStatus.success.rawValue
        } catch {
            return ErrorRenderer.render(error, verbose: arguments.contains("--verbose"), console: surroundings.console)
        }
    }

    /// A first word that names no command is a typo of one (`berth deplyo --env dev`), not the
    /// unknown option ArgumentParser would report after it.
    static func checkCommandName(_ arguments: [String]) throws {
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(first) else { return }
        let nearest = KeySuggestion.nearest(to: first, in: Set(names))
        throw BadInputError(
            "unknown command \(first)", hint: (nearest.map { "did you mean \($0)? " } ?? "") + "`berth --help` lists the commands")
    }
}
