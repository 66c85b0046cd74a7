import AWSRuntime

/// Amazon Elastic Container Service (awsJson1_1).
package struct ECSClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "ECS", endpointPrefix: "ecs", serviceId: "ECS", protocol: .json(version: "1.1", targetPrefix: "AmazonEC2ContainerServiceV20141113"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    struct ListClustersInput: Encodable {
        var nextToken: String?
    }

    package struct ListClustersOutput: Decodable, Sendable {
        package var clusterArns: [String]?
        package var nextToken: String?
    }

    package func listClusters() -> Paginator<ListClustersOutput> {
        Paginator { token in
            let page: ListClustersOutput = try await client.json(
                Self.descriptor, operation: "ListClusters", input: ListClustersInput(nextToken: token), idempotent: true)
            return (page, page.nextToken)
        }
    }
}
