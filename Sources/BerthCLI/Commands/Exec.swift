import AWSRuntime
import AWSServices
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// `docker compose exec` for Fargate: ECS Exec into a running container, carried by AWS's
    /// Session Manager plugin as `aws ecs execute-command` does.
    struct Exec: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "exec",
            abstract: "Open a shell (or run a command) in a running container of a service, through ECS Exec.",
            discussion: """
                Needs AWS's Session Manager plugin (session-manager-plugin) on PATH. Berth's services run with ECS \
                Exec enabled; the newest running task of the service is used.

                Examples:
                  berth exec cms --env prod                   a shell (/bin/sh) in the cms container
                  berth exec cms --env prod -- ls -la /var/lib/ghost/content
                  berth exec site --env dev -- node -e "console.log(process.versions)"
                """)

        @OptionGroup var globals: GlobalOptions

        @Argument(help: ArgumentHelp("The compose service whose container to enter.", valueName: "service"))
        var service: String

        @Argument(parsing: .postTerminator, help: ArgumentHelp("The command (default: /bin/sh).", valueName: "command"))
        var command: [String] = []

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment(toleratingErrors: true)
            try context.checkServiceNames([service], in: deployment.site)
            let taskName = deployment.site.task(containing: service)?.name ?? service
            // As the AWS CLI does: no call to AWS before the plugin is known to be there.
            guard let plugin = SessionManagerPlugin(path: context.processEnvironment["PATH"] ?? "") else {
                throw DeployError(
                    "the AWS Session Manager plugin (\(SessionManagerPlugin.name)) is not installed or not on PATH; ECS Exec needs it",
                    hint: "install it: \(SessionManagerPlugin.installGuide)")
            }
            let version = plugin.version() ?? "0"
            let session = try context.awsSession(siteRegion: deployment.site.region)
            let tasks = ServiceTasks(client: session.client, names: deployment.names)
            let task = try await tasks.runningTask(of: taskName)
            guard task.enableExecuteCommand == true else {
                throw DeployError(
                    "the running tasks of \(taskName) were started without ECS Exec",
                    hint: "`berth refresh \(taskName) --force` starts new ones with it")
            }
            let taskArn = task.taskArn ?? ""
            let runtimeId = task.containers?.first { $0.name == service }?.runtimeId
            guard let runtimeId else { throw DeployError("task \(ServiceTasks.id(of: taskArn)) has no running container \(service)") }
            let line = command.isEmpty ? "/bin/sh" : Self.shellLine(command)
            context.printer.progress("\(service): task \(ServiceTasks.id(of: taskArn)), running \(line)")
            let answer = try await ECSClient(session.client).executeCommand(
                .init(cluster: deployment.names.cluster, task: taskArn, container: service, command: line))
            let sessionJSON = String(decoding: try JSONEncoder().encode(answer.session), as: UTF8.self)
            let endpoint = try session.client.endpoints.resolve(ECSClient.descriptor, region: session.client.region).url.absoluteString
            let invocation = try SessionManagerPlugin.invocation(
                session: sessionJSON, region: session.client.region, profile: context.globals.profile, cluster: deployment.names.cluster,
                taskId: ServiceTasks.id(of: taskArn), runtimeId: runtimeId, endpoint: endpoint,
                readsEnvironment: SessionManagerPlugin.readsEnvironment(version: version))
            let status = try plugin.run(
                arguments: invocation.arguments, environment: context.processEnvironment.merging(invocation.environment) { _, new in new })
            if status != 0 { throw ChildExitStatus(code: status) }
        }

        /// The words as one command line for ECS Exec (which takes a string): words with spaces
        /// or quotes are single-quoted, as a shell would need them.
        static func shellLine(_ words: [String]) -> String {
            words.map { word in
                let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=,@%+".contains($0) }
                return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
            }.joined(separator: " ")
        }
    }
}
