import AWSRuntime

/// Amazon Elastic Container Service (awsJson1_1).
public struct ECSClient: Sendable {
    public static let descriptor = ServiceDescriptor(
        name: "ECS", endpointPrefix: "ecs", serviceId: "ECS", protocol: .json(version: "1.1", targetPrefix: "AmazonEC2ContainerServiceV20141113"))
    let client: AWSClient

    public init(_ client: AWSClient) { self.client = client }

    struct ListClustersInput: Encodable {
        var nextToken: String?
    }

    public struct ListClustersOutput: Decodable, Sendable {
        public var clusterArns: [String]?
        public var nextToken: String?
    }

    public func listClusters() -> Paginator<ListClustersOutput> {
        Paginator { token in
            let page: ListClustersOutput = try await client.json(
                Self.descriptor, operation: "ListClusters", input: ListClustersInput(nextToken: token), idempotent: true)
            return (page, page.nextToken)
        }
    }
}
