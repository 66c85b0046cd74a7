extension InfraStack {
    /// The Cloud Map namespace ECS Service Connect registers services in, so `http://cms:1337`
    /// resolves on Fargate as it does under compose.
    var serviceDiscovery: TemplateSection {
        TemplateSection(
            "Service discovery: the Cloud Map namespace for ECS Service Connect",
            [
                Resource(
                    "Namespace", "AWS::ServiceDiscovery::HttpNamespace",
                    ["Name": .string(input.names.namespace), "Description": .sub("${AWS::StackName} services"), "Tags": tags()])
            ])
    }
}
