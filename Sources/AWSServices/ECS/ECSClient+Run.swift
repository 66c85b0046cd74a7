import AWSRuntime

extension ECSClient {
    /// One standalone task. With a `clientToken` a repeat returns the task the first call
    /// started (RunTask's idempotency token), so only then is it retried like a read.
    package func runTask(_ request: RunTaskRequest) async throws -> RunTaskOutput {
        try await client.json(Self.descriptor, operation: "RunTask", input: request, idempotent: request.clientToken != nil)
    }

    /// Opens an ECS Exec session in a running container; the answer's session is for the
    /// Session Manager plugin. Never repeated: each call opens another session.
    package func executeCommand(_ request: ExecuteCommandRequest) async throws -> ExecuteCommandOutput {
        try await client.json(Self.descriptor, operation: "ExecuteCommand", input: request, idempotent: false)
    }

    package struct RunTaskRequest: Encodable, Sendable, Equatable {
        package var cluster: String
        package var taskDefinition: String
        package var launchType: String? = "FARGATE"
        package var networkConfiguration: NetworkConfiguration?
        package var overrides: TaskOverride?
        /// Up to 128 characters; ListTasks finds tasks by it.
        package var startedBy: String?
        package var enableExecuteCommand: Bool?
        /// `TASK_DEFINITION`: the task carries the definition's tags (a site's project and environment).
        package var propagateTags: String?
        /// Up to 64 characters.
        package var clientToken: String?

        package init(
            cluster: String, taskDefinition: String, networkConfiguration: NetworkConfiguration?, overrides: TaskOverride?, startedBy: String?,
            enableExecuteCommand: Bool? = nil, propagateTags: String? = "TASK_DEFINITION", clientToken: String? = nil
        ) {
            self.cluster = cluster
            self.taskDefinition = taskDefinition
            self.networkConfiguration = networkConfiguration
            self.overrides = overrides
            self.startedBy = startedBy
            self.enableExecuteCommand = enableExecuteCommand
            self.propagateTags = propagateTags
            self.clientToken = clientToken
        }
    }

    package struct TaskOverride: Encodable, Sendable, Equatable {
        package var containerOverrides: [ContainerOverride]
        package init(containerOverrides: [ContainerOverride]) {
            self.containerOverrides = containerOverrides
        }
    }

    package struct ContainerOverride: Encodable, Sendable, Equatable {
        package var name: String
        package var command: [String]?
        /// Added to the container's variables, replacing those of the same name.
        package var environment: [KeyValuePair]?
        package init(name: String, command: [String]? = nil, environment: [KeyValuePair]? = nil) {
            self.name = name
            self.command = command
            self.environment = environment
        }
    }

    package struct RunTaskOutput: Decodable, Sendable, Equatable {
        package var tasks: [Task]?
        package var failures: [Failure]?
    }

    package struct ExecuteCommandRequest: Encodable, Sendable, Equatable {
        package var cluster: String
        package var task: String
        package var container: String
        package var command: String
        /// AWS supports only interactive sessions.
        package var interactive = true

        package init(cluster: String, task: String, container: String, command: String) {
            self.cluster = cluster
            self.task = task
            self.container = container
            self.command = command
        }
    }

    package struct ExecuteCommandOutput: Decodable, Sendable, Equatable {
        package var clusterArn: String?
        package var taskArn: String?
        package var containerName: String?
        package var session: Session?

        /// What the Session Manager plugin takes: the session id, its WebSocket URL and token.
        package struct Session: Codable, Sendable, Equatable {
            package var sessionId: String?
            package var streamUrl: String?
            package var tokenValue: String?
        }
    }
}
