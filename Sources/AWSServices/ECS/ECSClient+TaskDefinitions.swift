import AWSRuntime

extension ECSClient {
    /// Registers a new revision. Every call makes one, so it is not retried blindly.
    package func registerTaskDefinition(_ spec: TaskDefinitionSpec) async throws -> TaskDefinition {
        let output: RegisterTaskDefinitionOutput = try await client.json(
            Self.descriptor, operation: "RegisterTaskDefinition", input: spec, idempotent: false)
        return output.taskDefinition
    }

    /// A revision by ARN, `family:revision`, or `family` (the latest ACTIVE one), with its tags.
    package func describeTaskDefinition(_ taskDefinition: String, includeTags: Bool = true) async throws -> DescribedTaskDefinition {
        try await client.json(
            Self.descriptor, operation: "DescribeTaskDefinition",
            input: DescribeTaskDefinitionInput(taskDefinition: taskDefinition, include: includeTags ? ["TAGS"] : nil), idempotent: true)
    }

    /// Revision ARNs whose family starts with `familyPrefix`; without `status` AWS lists `ACTIVE` ones.
    package func listTaskDefinitions(familyPrefix: String? = nil, status: TaskDefinitionStatus? = nil, sort: String? = nil) -> Paginator<[String]> {
        Paginator { token in
            let page: ListTaskDefinitionsOutput = try await client.json(
                Self.descriptor, operation: "ListTaskDefinitions",
                input: ListTaskDefinitionsInput(familyPrefix: familyPrefix, status: status, sort: sort, nextToken: token), idempotent: true)
            return (page.taskDefinitionArns ?? [], page.nextToken)
        }
    }

    /// Marks a revision `INACTIVE`: running tasks keep it, new ones cannot use it.
    package func deregisterTaskDefinition(_ taskDefinition: String) async throws -> TaskDefinition {
        let output: TaskDefinitionOutput = try await client.json(
            Self.descriptor, operation: "DeregisterTaskDefinition", input: TaskDefinitionInput(taskDefinition: taskDefinition),
            idempotent: true)
        return output.taskDefinition
    }

    /// Deletes `INACTIVE` revisions (at most 10 per call); per-revision refusals come back in `failures`.
    package func deleteTaskDefinitions(_ taskDefinitions: [String]) async throws -> DeleteTaskDefinitionsOutput {
        try await client.json(
            Self.descriptor, operation: "DeleteTaskDefinitions", input: DeleteTaskDefinitionsInput(taskDefinitions: taskDefinitions),
            idempotent: true)
    }
}
