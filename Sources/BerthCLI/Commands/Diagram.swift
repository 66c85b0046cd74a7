import ArgumentParser
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// A picture of the site for its README and for reviews.
    struct Diagram: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "diagram",
            abstract: "Draw the site: load balancer, services with sizes and counts, who reaches whom, volumes, logs, backups.",
            discussion: """
                Drawn from the compose file as Berth would deploy it (offline), or with --deployed as the stack \
                has it now (file system ids, the load balancer's address). SVG is drawn by Berth itself; Mermaid \
                renders in GitHub's Markdown; dot is for Graphviz.

                Examples:
                  berth diagram --env prod > site.svg
                  berth diagram --env prod --format mermaid   paste into a README in a ```mermaid block
                  berth diagram --env prod --deployed --format dot | dot -Tpng > site.png
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case svg, mermaid, dot
        }

        @OptionGroup var globals: GlobalOptions

        @Option(help: ArgumentHelp("svg, mermaid or dot.", valueName: "format"))
        var format: Format = .svg

        @Flag(help: "Draw what is deployed (reads the stack) rather than what the compose file plans.")
        var deployed = false

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment()
            let diagram =
                deployed
                ? try await context.siteDeployer(deployment, progress: ProgressRenderer(printer: context.printer)).diagram(deployed: true)
                : SiteDiagram(site: deployment.site, names: deployment.names)
            let text =
                switch format {
                case .svg: diagram.svg
                case .mermaid: diagram.mermaid
                case .dot: diagram.dot
                }
            context.printer.write(text, to: .output)
        }
    }
}
