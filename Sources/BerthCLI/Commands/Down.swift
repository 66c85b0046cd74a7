import ArgumentParser
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// Teardown: services and task definitions by default; access points, the stack and the
    /// data only when asked, the data only after the project name is typed (or --yes).
    struct Down: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "down",
            abstract: "Remove the deployed services (and, when asked, access points, the stack and the data).",
            discussion: """
                File systems and the backup bucket survive --infra; the next deploy takes them back. Only --delete-data removes them.

                Examples:
                  berth down --env dev                        stop and remove the services
                  berth down --env dev --infra --yes          and the stack (data kept)
                  berth down --env dev --infra --delete-data  everything, after typing the project's name
                """)

        @OptionGroup var globals: GlobalOptions

        @Option(help: ArgumentHelp("Only this service (repeatable).", valueName: "name"))
        var service: [String] = []

        @Flag(help: "Also delete the EFS access points.")
        var accessPoints = false

        @Flag(help: "Also delete the infrastructure stack (file systems and backups are kept).")
        var infra = false

        @Flag(help: "With --infra: also delete the file systems and the backup bucket.")
        var deleteData = false

        @Flag(name: .shortAndLong, help: "Do not ask; for scripts (needed with --delete-data when there is no terminal).")
        var yes = false

        @Flag(help: "When a deploy or down of the environment runs, wait for it instead of stopping.")
        var waitForLock = false

        func validate() throws {
            if deleteData && !infra { throw ValidationError("--delete-data needs --infra") }
            if infra && !service.isEmpty { throw ValidationError("--infra removes the whole site; it cannot be combined with --service") }
        }

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment(toleratingErrors: true)
            try context.checkServiceNames(service, in: deployment.site)
            let prompter = context.prompter
            let scope = service.isEmpty ? "every service of \(deployment.names.stack)" : service.joined(separator: ", ")
            if !yes {
                guard prompter.isInteractive else {
                    throw BadInputError("down removes \(scope) and needs confirmation", hint: "run it on a terminal, or pass --yes")
                }
                guard prompter.confirm("Remove \(scope)\(infra ? " and the infrastructure stack" : "")?") else {
                    throw BadInputError("nothing was removed", hint: nil)
                }
                if deleteData,
                    !prompter.confirmByTyping(
                        "This deletes the file systems and backups of \(deployment.names.project) for good.", expected: deployment.names.project)
                {
                    throw BadInputError("the project name did not match; nothing was removed")
                }
            }
            let progress = ProgressRenderer(printer: context.printer)
            let result = try await context.siteDeployer(deployment, progress: progress).down(
                .init(
                    services: service.isEmpty ? nil : Set(service), accessPoints: accessPoints, infra: infra, deleteData: deleteData,
                    lock: .current(command: "down", environment: context.processEnvironment), waitForLock: waitForLock))
            struct Report: Encodable { var removed: [String]; var kept: [String]; var nothingDeployed: Bool }
            try context.printer.result(Report(removed: result.removed, kept: result.kept, nothingDeployed: result.nothingDeployed)) {
                if result.nothingDeployed {
                    return (["nothing is deployed for \(deployment.names.stack)"] + result.kept.map { "kept \($0)" }).joined(separator: "\n")
                }
                var lines = result.removed.isEmpty ? ["nothing left to remove"] : result.removed.map { "removed \($0)" }
                lines += result.kept.map { "kept \($0)" }
                return lines.joined(separator: "\n")
            }
        }
    }
}
