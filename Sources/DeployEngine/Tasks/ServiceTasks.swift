import AWSRuntime
import AWSServices
import Foundation
import StackTemplates

/// The tasks of a site's ECS services, for `exec` (a running one to open a shell in) and `run`
/// (a one-off task from a service's definition, with its command overridden).
package struct ServiceTasks: Sendable {
    let ecs: ECSClient
    let logs: CloudWatchLogsClient
    let names: Names
    /// The cluster the tasks run in: the site's, or the one the stack reports.
    let cluster: String

    package init(client: AWSClient, names: Names, cluster: String? = nil) {
        ecs = ECSClient(client)
        logs = CloudWatchLogsClient(client)
        self.names = names
        self.cluster = cluster ?? names.cluster
    }

    /// The ECS service `name` of the site, as it runs now.
    package func service(_ name: String) async throws -> ECSClient.Service {
        let found: ECSClient.DescribeServicesOutput
        do {
            found = try await ecs.describeServices(cluster: cluster, services: [name], includeTags: false)
        } catch let error as AWSServiceError where error.isClusterNotFound {
            throw DeployError("\(names.stack) is not deployed (no cluster \(names.cluster))", hint: "run `berth deploy` first")
        }
        guard let service = found.services?.first(where: { $0.status == .active }) else {
            throw DeployError("service \(name) of \(names.stack) is not deployed", hint: "run `berth deploy` first")
        }
        return service
    }

    /// A RUNNING task of the service (the newest first), for ECS Exec.
    package func runningTask(of service: String) async throws -> ECSClient.Task {
        let running = try await ecs.runningTasks(cluster: cluster, serviceName: service).sorted {
            ($0.startedAt ?? .distantPast) > ($1.startedAt ?? .distantPast)
        }
        guard let task = running.first else {
            throw DeployError("no task of service \(service) is running", hint: "`berth status` shows why; `berth logs \(service)` what it said")
        }
        return task
    }

    /// Starts one task of the service's current task definition in the service's network, with
    /// `container`'s command replaced (nil: as defined). `token` makes a retried call start no
    /// second task.
    package func start(_ service: ECSClient.Service, container: String, command: [String]?, token: String) async throws -> ECSClient.Task {
        guard let definition = service.taskDefinition else { throw DeployError("service \(service.serviceName ?? "?") has no task definition") }
        let output = try await ecs.runTask(
            .init(
                cluster: cluster, taskDefinition: definition, networkConfiguration: service.networkConfiguration,
                overrides: command.map { .init(containerOverrides: [.init(name: container, command: $0)]) },
                startedBy: "berth-run", clientToken: token))
        guard let task = output.tasks?.first else {
            let failure = output.failures?.first
            throw DeployError(
                "ECS started no task: \(failure?.reason ?? "no reason given")\(failure?.detail.map { " (\($0))" } ?? "")",
                hint: "`berth status` shows whether the service's own tasks start")
        }
        return task
    }

    /// Polls the task until it has stopped; `progress` hears each new status.
    package func waitUntilStopped(_ taskArn: String, waiter: Waiter, progress: @Sendable (String) -> Void) async throws -> ECSClient.Task {
        var last: String?
        return try await waiter.wait(for: "task \(Self.id(of: taskArn)) to stop") { () -> Waiter.State<ECSClient.Task> in
            guard let task = try await ecs.describeTasks(cluster: cluster, tasks: [taskArn]).tasks?.first else {
                return .failed(DeployError("task \(Self.id(of: taskArn)) disappeared while Berth waited for it"))
            }
            if let status = task.lastStatus, status != last {
                last = status
                progress(status)
            }
            return task.lastStatus == "STOPPED" ? .done(task) : .retry(task.lastStatus)
        }
    }

    /// What the task's `container` (a compose service's container) wrote, oldest first.
    package func output(of taskArn: String, container: String) async throws -> [String] {
        try await output(of: taskArn, streamPrefix: Names.logStreamPrefix(service: container), container: container)
    }

    /// What a container of a task wrote, oldest first, from the stream its awslogs prefix names.
    package func output(of taskArn: String, streamPrefix: String, container: String) async throws -> [String] {
        let stream = Names.logStreamName(prefix: streamPrefix, container: container, taskId: Self.id(of: taskArn))
        do {
            return try await logs.getLogEvents(groupName: names.logGroup, streamName: stream, startFromHead: true).collect { $0 }.compactMap(
                \.message)
        } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
            return []
        }
    }

    /// The id at the end of a task ARN (`…:task/cluster/0123abcd…`).
    package static func id(of taskArn: String) -> String {
        String(taskArn.split(separator: "/").last ?? Substring(taskArn))
    }
}
