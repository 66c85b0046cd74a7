import AWSRuntime

extension ECSClient {
    /// Tags of a cluster, service, task definition or task (by ARN).
    package func listTagsForResource(arn: String) async throws -> [Tag] {
        let output: TagsOutput = try await client.json(
            Self.descriptor, operation: "ListTagsForResource", input: ResourceArnInput(resourceArn: arn), idempotent: true)
        return output.tags ?? []
    }

    package func tagResource(arn: String, tags: [Tag]) async throws {
        let _: EmptyOutput = try await client.json(
            Self.descriptor, operation: "TagResource", input: TagResourceInput(resourceArn: arn, tags: tags), idempotent: true)
    }

    package func untagResource(arn: String, keys: [String]) async throws {
        let _: EmptyOutput = try await client.json(
            Self.descriptor, operation: "UntagResource", input: UntagResourceInput(resourceArn: arn, tagKeys: keys), idempotent: true)
    }
}
