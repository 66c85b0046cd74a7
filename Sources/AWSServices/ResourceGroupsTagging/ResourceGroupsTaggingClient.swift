import AWSRuntime

/// AWS Resource Groups Tagging API (awsJson1_1): finds resources of several services by their
/// tags in one paginated call. Berth uses it for what outlives a stack (retained file systems
/// and buckets), which no stack lists any more. Regional: S3 buckets appear in their own region.
package struct ResourceGroupsTaggingClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "ResourceGroupsTagging", endpointPrefix: "tagging", serviceId: "Resource Groups Tagging API",
        protocol: .json(version: "1.1", targetPrefix: "ResourceGroupsTaggingAPI_20170126"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    package struct Tag: Decodable, Sendable, Equatable {
        package var Key: String
        package var Value: String
    }

    package struct TaggedResource: Decodable, Sendable, Equatable {
        package var ResourceARN: String
        package var Tags: [Tag]?

        package var tags: [String: String] {
            Dictionary((Tags ?? []).map { ($0.Key, $0.Value) }, uniquingKeysWith: { _, last in last })
        }
    }

    struct TagFilter: Encodable {
        var Key: String
        var Values: [String]
    }

    struct GetResourcesInput: Encodable {
        var TagFilters: [TagFilter]
        var ResourceTypeFilters: [String]
        var PaginationToken: String?
    }

    struct GetResourcesOutput: Decodable {
        var ResourceTagMappingList: [TaggedResource]?
        var PaginationToken: String?
    }

    /// Resources carrying every tag of `tags` (key and value), of the given types
    /// (`service[:resourceType]`, e.g. `elasticfilesystem:file-system`, `s3`). AWS documents that
    /// a resource recently deleted may still be listed: callers confirm what they act on.
    package func getResources(tags: [(String, String)], resourceTypes: [String]) -> Paginator<[TaggedResource]> {
        let filters = tags.map { TagFilter(Key: $0.0, Values: [$0.1]) }
        return Paginator { token in
            let page: GetResourcesOutput = try await client.json(
                Self.descriptor, operation: "GetResources",
                input: GetResourcesInput(TagFilters: filters, ResourceTypeFilters: resourceTypes, PaginationToken: token), idempotent: true)
            // The last page answers an empty token, which ends the paginator too.
            return (page.ResourceTagMappingList ?? [], page.PaginationToken)
        }
    }
}
