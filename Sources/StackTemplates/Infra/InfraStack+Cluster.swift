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

    public var clusterName: TemplateValue {
        input.existingCluster.map(TemplateValue.string) ?? .ref("Cluster")
    }
}
