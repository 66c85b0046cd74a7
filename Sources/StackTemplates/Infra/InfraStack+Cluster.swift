extension InfraStack {
    var cluster: TemplateSection {
        guard input.existingCluster == nil else { return TemplateSection("ECS cluster: the existing one named by x-aws-cluster", []) }
        return TemplateSection(
            "ECS cluster with Container Insights, on Fargate and Fargate Spot",
            [
                Resource(
                    "Cluster", "AWS::ECS::Cluster",
                    [
                        "ClusterName": .string(input.names.cluster),
                        "ClusterSettings": [["Name": "containerInsights", "Value": "enabled"]],
                        "CapacityProviders": ["FARGATE", "FARGATE_SPOT"],
                        "DefaultCapacityProviderStrategy": [["CapacityProvider": "FARGATE", "Weight": 1]],
                        "Tags": tags(),
                    ])
            ])
    }

    /// The existing cluster's name, or the stack's own cluster.
    package var clusterName: StackString {
        input.existingCluster.map(StackString.literal) ?? .ref("Cluster")
    }
}
