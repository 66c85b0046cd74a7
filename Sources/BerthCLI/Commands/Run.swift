import AWSRuntime
import AWSServices
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// `docker compose run` for Fargate: a one-off task from a service's task definition, in its
    /// network, with the command replaced; Berth waits for it, prints its output and exits with
    /// its exit code.
    struct Run: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run a one-off task of a service with another command (migrations, maintenance) and wait for it.",
            discussion: """
                The task runs the service's current task definition in the service's subnets and security group, \
                with the service's container command replaced. Berth waits until it stops, prints what it wrote \
                (CloudWatch Logs) and exits with its exit code. Ctrl-C stops waiting; the task runs on.

                Examples:
                  berth run cms --env prod -- npm run migrate
                  berth run site --env dev -- node scripts/reindex.js --all
                  berth run cms --env prod                    the service's own command, once
                """)

        @OptionGroup var globals: GlobalOptions

        @Argument(help: ArgumentHelp("The compose service whose task definition to run.", valueName: "service"))
        var service: String

        @Argument(parsing: .postTerminator, help: ArgumentHelp("The command (default: the service's own).", valueName: "command"))
        var command: [String] = []

        @Option(help: ArgumentHelp("Give up waiting after this many minutes (the task runs on).", valueName: "minutes"))
        var timeout: Double = 60

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment(toleratingErrors: true)
            try context.checkServiceNames([service], in: deployment.site)
            let taskName = deployment.site.task(containing: service)?.name ?? service
            let session = try context.awsSession(siteRegion: deployment.site.region)
            let tasks = ServiceTasks(client: session.client, names: deployment.names)
            let ecsService = try await tasks.service(taskName)
            let started = try await tasks.start(
                ecsService, container: service, command: command.isEmpty ? nil : command, token: "berth-run-" + UUID().uuidString.lowercased())
            let taskArn = started.taskArn ?? ""
            let id = ServiceTasks.id(of: taskArn)
            context.printer.progress("\(service): started task \(id) of \(ServiceTasks.id(of: ecsService.taskDefinition ?? ""))")
            let stopped: ECSClient.Task
            do {
                stopped = try await tasks.waitUntilStopped(
                    taskArn, waiter: .operations(timeout: timeout * 60),
                    progress: { context.printer.progress("task \(id): \($0)") })
            } catch is CancellationError {
                throw DeployError("stopped waiting; task \(id) runs on", hint: "`berth logs \(service) --task \(id) --follow` shows its output")
            }
            for line in try await tasks.output(of: taskArn, container: service) { context.printer.write(line + "\n", to: .output) }
            let container = stopped.containers?.first { $0.name == service }
            guard let code = container?.exitCode else {
                throw DeployError(
                    "task \(id) stopped before \(service) ran: \(stopped.stoppedReason ?? "no reason given")\(container?.reason.map { " (\($0))" } ?? "")",
                    hint: "`berth status` shows whether the service's own tasks start")
            }
            context.printer.progress("task \(id): \(service) exited with code \(code)")
            if code != 0 { throw ChildExitStatus(code: Int32(truncatingIfNeeded: code)) }
        }
    }
}
