import ArgumentParser
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// Picks up new images pushed under the same tag, touching nothing else.
    struct Refresh: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "refresh",
            abstract: "Restart the services whose image tag now names a new image, pinned to its digest.",
            discussion: """
                Compares each service's running image digest with the one its tag names now (ECR, or the public \
                registry); where they differ it registers a new revision with the new digest and moves the service \
                to it, and waits until it is stable. Nothing else changes: a service whose definition has other \
                changes is held (exit 1) for `berth deploy`. With nothing to refresh, nothing is written.

                Examples:
                  berth refresh --env prod                    every service whose image moved
                  berth refresh web --env prod                only web
                  berth refresh --env prod --force            restart every service, moved or not
                """)

        @OptionGroup var globals: GlobalOptions

        @Argument(help: ArgumentHelp("Compose services to refresh (default: all).", valueName: "service"))
        var services: [String] = []

        @Flag(help: "Start new tasks of services whose image did not move, too (ECS force-new-deployment).")
        var force = false

        @Flag(help: "Only say what would be refreshed.")
        var dryRun = false

        @Flag(help: "Do not wait for the refreshed services to become stable.")
        var noWait = false

        @Flag(help: "When another deploy or down of the environment runs, wait for it instead of stopping.")
        var waitForLock = false

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment(pinningImages: true)
            try context.checkServiceNames(services, in: deployment.site)
            let progress = ProgressRenderer(printer: context.printer)
            var options = SiteDeployer.Options(
                services: services.isEmpty ? nil : Set(services), waitForServices: !noWait,
                lock: .current(command: "refresh", environment: context.processEnvironment), waitForLock: waitForLock)
            options.confirmRemoval = nil
            let results = try await context.siteDeployer(deployment, progress: progress).refresh(force: force, apply: !dryRun, options)
            let report = RefreshReport(stack: deployment.names.stack, dryRun: dryRun, services: results)
            try context.printer.result(report) { report.text }
            if report.held { throw ReportedFailure(.failure) }
        }
    }
}

/// What `refresh` did, per service, for text and JSON output.
struct RefreshReport: Encodable {
    var stack: String
    var dryRun: Bool
    var services: [RefreshedService]

    /// A moved image that stays where it was, because its service has other changes.
    var held: Bool { services.contains { $0.outcome == .held && !$0.images.isEmpty } }

    var text: String {
        let verb: [RefreshedService.Outcome: String] =
            dryRun
            ? [.refreshed: "would refresh", .restarted: "would restart", .unchanged: "unchanged", .held: "held"]
            : [.refreshed: "refreshed", .restarted: "restarted", .unchanged: "unchanged", .held: "held"]
        var lines: [String] = []
        for service in services {
            lines.append("\(service.service): \(verb[service.outcome] ?? service.outcome.rawValue) (\(service.reason))")
            lines += service.images.map { "  \($0.container): \(Self.digest($0.old)) → \(Self.digest($0.new))" }
        }
        return lines.joined(separator: "\n")
    }

    /// `repo@sha256:abc…` → `sha256:abc…`; a reference by tag stays whole.
    static func digest(_ image: String) -> String {
        image.split(separator: "@", maxSplits: 1).last.map(String.init) ?? image
    }
}
