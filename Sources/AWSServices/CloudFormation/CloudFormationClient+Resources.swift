import AWSRuntime

extension CloudFormationClient {
    /// One resource of a stack, as ListStackResources summarises it.
    package struct StackResourceSummary: Decodable, Sendable, Equatable {
        package var LogicalResourceId: String
        package var PhysicalResourceId: String?
        package var ResourceType: String
        package var ResourceStatus: String
    }

    struct ListStackResourcesOutput: Decodable {
        var StackResourceSummaries: [StackResourceSummary]?
        var NextToken: String?
    }

    /// Every resource of the stack (a nested stack's summary has the child stack's id as its
    /// physical id). Paginated: a stack can hold 500 resources.
    package func listStackResources(stackName: String) -> Paginator<[StackResourceSummary]> {
        Paginator { token in
            var parameters = [("StackName", stackName)]
            if let token { parameters.append(("NextToken", token)) }
            let page: ListStackResourcesOutput = try await client.query(
                Self.descriptor, operation: "ListStackResources", parameters: parameters, idempotent: true)
            return (page.StackResourceSummaries ?? [], page.NextToken)
        }
    }
}
