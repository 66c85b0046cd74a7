import ArgumentParser

/// A Berth subcommand: its default `run()` builds the `CommandContext` once from the global
/// options and hands it over, so no command reads the environment or the AWS files itself.
protocol BerthCommand: AsyncParsableCommand {
    var globals: GlobalOptions { get }
    func run(_ context: CommandContext) async throws
}

extension BerthCommand {
    mutating func run() async throws {
        let context = CommandContext(globals: globals)
        try await run(context)
    }
}
