import AWSRuntime

// Berth's log group comes from the infra stack and ECS writes the events; these calls seed
// test data and serve tools.
extension CloudWatchLogsClient {
    package func createLogGroup(_ name: String, tags: [String: String]? = nil) async throws {
        let _: EmptyOutput = try await client.json(
            Self.descriptor, operation: "CreateLogGroup", input: CreateLogGroupInput(logGroupName: name, tags: tags), idempotent: false)
    }

    package func deleteLogGroup(_ name: String) async throws {
        let _: EmptyOutput = try await client.json(
            Self.descriptor, operation: "DeleteLogGroup", input: LogGroupNameInput(logGroupName: name), idempotent: false)
    }

    package func createLogStream(groupName: String, streamName: String) async throws {
        let _: EmptyOutput = try await client.json(
            Self.descriptor, operation: "CreateLogStream", input: CreateLogStreamInput(logGroupName: groupName, logStreamName: streamName),
            idempotent: false)
    }

    /// Events must be in time order and within the last 14 days.
    package func putLogEvents(groupName: String, streamName: String, events: [InputLogEvent]) async throws {
        let _: EmptyOutput = try await client.json(
            Self.descriptor, operation: "PutLogEvents",
            input: PutLogEventsInput(logGroupName: groupName, logStreamName: streamName, logEvents: events), idempotent: false)
    }
}

extension AWSServiceError {
    /// CreateLogGroup / CreateLogStream for a name that exists.
    package var isResourceAlreadyExists: Bool { code == "ResourceAlreadyExistsException" }
}
