import AWSRuntime
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// `deploy` with apply turned off: both layers' changes, nothing changed.
    struct Plan: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Show what deploy would change in both layers; changes nothing.",
            discussion: """
                Exits 0 whether or not there are changes; --output json gives the changes for scripts. The last \
                line estimates what the environment costs a month after the plan, and now (Fargate, load \
                balancers, NAT gateway, public IPv4 addresses, at the list prices it names).

                Examples:
                  berth plan --env prod                       the stack's change set and the services' changes
                  berth plan --env prod --service cms         only what concerns the cms service
                  berth plan --env prod --unified             as one stack
                """)

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var options: DeployOptions

        func run(_ context: CommandContext) async throws {
            try options.checkUnified()
            let deployment = try await context.loadDeployment(pinningImages: true)
            try context.checkServiceNames(options.service, in: deployment.site)
            let progress = ProgressRenderer(printer: context.printer)
            let result =
                options.unified
                ? try await context.unifiedDeployer(deployment, progress: progress).plan(options.siteOptions(wait: true))
                : try await context.siteDeployer(deployment, progress: progress).plan(options.siteOptions(wait: true))
            var report = DeployReport(deployment: deployment, result: result)
            let session = try context.awsSession(siteRegion: deployment.site.region)
            report.cost = CostChange(
                before: try await SiteCost.deployed(site: deployment.site, input: deployment.infra, client: session.client)?.total,
                after: SiteCost.planned(site: deployment.site, input: deployment.infra).total)
            try context.printer.result(report) { report.text }
        }
    }
}
