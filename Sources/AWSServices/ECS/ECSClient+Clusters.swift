import AWSRuntime

extension ECSClient {
    /// Creates a cluster, or returns the existing one of that name (ECS treats the name as the key).
    /// Berth's cluster comes from the infra stack; this is for tests and tools.
    package func createCluster(name: String, tags: [Tag]? = nil) async throws -> Cluster {
        let output: ClusterOutput = try await client.json(
            Self.descriptor, operation: "CreateCluster", input: CreateClusterInput(clusterName: name, tags: tags), idempotent: true)
        return output.cluster
    }

    package func deleteCluster(_ cluster: String) async throws -> Cluster {
        let output: ClusterOutput = try await client.json(
            Self.descriptor, operation: "DeleteCluster", input: DeleteClusterInput(cluster: cluster), idempotent: true)
        return output.cluster
    }

    package func describeClusters(_ clusters: [String]) async throws -> DescribeClustersOutput {
        try await client.json(Self.descriptor, operation: "DescribeClusters", input: DescribeClustersInput(clusters: clusters), idempotent: true)
    }
}
