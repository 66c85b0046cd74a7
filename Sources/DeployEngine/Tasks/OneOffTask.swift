import AWSRuntime
import AWSServices
import Foundation
import StackTemplates

/// Runs one of the stack's own task definitions once (backup, restore, the reachability probe):
/// starts its family's latest revision with environment overrides, waits until it stops, and
/// reads what its containers wrote from CloudWatch Logs.
package struct OneOffTask: Sendable {
    let client: AWSClient
    let names: Names
    let network: Network

    /// Where the task runs.
    package struct Network: Sendable, Equatable {
        package var cluster: String
        package var subnets: [String]
        package var securityGroup: String
        package var assignPublicIp: String

        package init(cluster: String, subnets: [String], securityGroup: String, assignPublicIp: String) {
            self.cluster = cluster
            self.subnets = subnets
            self.securityGroup = securityGroup
            self.assignPublicIp = assignPublicIp
        }
    }

    /// What a finished task did.
    package struct Run: Sendable, Equatable {
        package var taskId: String
        /// Each container's lines, in container order.
        package var output: [String]
        /// The last container's exit code: 0, or one the caller allowed.
        package var exitCode: Int = 0
    }

    package init(client: AWSClient, names: Names, network: Network) {
        self.client = client
        self.names = names
        self.network = network
    }

    /// Starts the task definition family's latest revision, waits until it stops, and returns
    /// what its containers wrote; throws with their last lines when the last container failed
    /// with a code not in `allowing`. `commands` replace containers' scripts (the entry point
    /// stays `sh -c`). `token` makes a retried call start no second task.
    package func run(
        family: String, purpose: String, containers: [String], logPrefix: String, overrides: [String: [(String, String)]],
        commands: [String: String] = [:], allowing: Set<Int> = [], token: String, waiter: Waiter,
        progress: @escaping @Sendable (String) -> Void
    ) async throws -> Run {
        let ecs = ECSClient(client)
        let tasks = ServiceTasks(client: client, names: names, cluster: network.cluster)
        let output = try await ecs.runTask(
            .init(
                cluster: network.cluster, taskDefinition: family,
                networkConfiguration: .init(
                    awsvpcConfiguration: .init(
                        subnets: network.subnets, securityGroups: [network.securityGroup], assignPublicIp: network.assignPublicIp)),
                overrides: .init(
                    containerOverrides: Self.containerOverrides(containers, environment: overrides, commands: commands)),
                startedBy: "berth-\(purpose)", clientToken: String(token.prefix(64))))
        guard let taskArn = output.tasks?.first?.taskArn else {
            let failure = output.failures?.first
            throw DeployError(
                "ECS started no \(purpose) task: \(failure?.reason ?? "no reason given")\(failure?.detail.map { " (\($0))" } ?? "")",
                hint: "`berth status` shows whether the cluster runs tasks")
        }
        let id = ServiceTasks.id(of: taskArn)
        progress("\(purpose): started task \(id)")
        let stopped: ECSClient.Task
        do {
            stopped = try await tasks.waitUntilStopped(taskArn, waiter: waiter, progress: { progress("task \(id): \($0)") })
        } catch is CancellationError {
            throw DeployError("stopped waiting; the \(purpose) task \(id) runs on", hint: "`berth logs` shows its output")
        }
        var lines: [String] = []
        for container in containers {
            lines += try await tasks.output(of: taskArn, streamPrefix: logPrefix, container: container)
        }
        var run = Run(taskId: id, output: lines)
        let last = stopped.containers?.first { $0.name == containers.last }
        guard let code = last?.exitCode else {
            throw DeployError(
                "the \(purpose) task \(id) stopped before it finished: \(stopped.stoppedReason ?? "no reason given")"
                    + (last?.reason.map { " (\($0))" } ?? "") + Self.tail(lines),
                hint: "`berth logs` shows the task's output")
        }
        guard code == 0 || allowing.contains(code) else {
            throw DeployError("the \(purpose) task \(id) failed (exit code \(code))" + Self.tail(lines), hint: "`berth logs` shows the task's output")
        }
        run.exitCode = code
        return run
    }

    /// ECS takes at most 8,192 characters of overrides, JSON included (RunTask `overrides`).
    package static let overridesLimit = 8192

    static func containerOverrides(
        _ containers: [String], environment: [String: [(String, String)]], commands: [String: String]
    ) -> [ECSClient.ContainerOverride] {
        containers.compactMap { name in
            let variables = environment[name]?.map { ECSClient.KeyValuePair(name: $0.0, value: $0.1) }
            let command = commands[name].map { [$0] }
            guard variables != nil || command != nil else { return nil }
            return .init(name: name, command: command, environment: variables)
        }
    }

    /// The last lines a task wrote, for an error message.
    static func tail(_ lines: [String]) -> String {
        lines.isEmpty ? "" : ":\n  " + lines.suffix(3).joined(separator: "\n  ")
    }
}
