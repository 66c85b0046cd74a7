import ArgumentParser
import BerthJSON
import ComposeModel

extension Berth {
    /// Prints the merged, interpolated compose document, like `docker compose config`.
    struct Config: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Print the merged, interpolated compose document (like docker compose config).",
            discussion: """
                Examples:
                  berth config                                what Berth reads, after .env and interpolation
                  berth config -f compose.yaml -f compose.prod.yaml
                """)

        @OptionGroup var globals: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let result = try context.loadCompose()
            try context.printer.result(result.documentJSON() ?? .null) { result.renderedDocument() }
        }
    }
}
