import StackTemplates

// The properties of an `AWS::ECS::Service`, in the template's order: `ServiceName`, `Cluster`,
// then the rest alphabetically.

extension DesiredService {
    /// The service's properties. Neither `berth:hash` nor a client token: CloudFormation
    /// compares properties and makes each service once itself.
    package var cloudFormationProperties: TemplateMap {
        TemplateMap(setting: [
            ("ServiceName", .string(serviceName)),
            ("Cluster", cluster.template),
            (
                "DeploymentConfiguration",
                [
                    "DeploymentCircuitBreaker": ["Enable": .bool(deployment.circuitBreaker), "Rollback": .bool(deployment.circuitBreaker)],
                    "MaximumPercent": .int(deployment.maximumPercent), "MinimumHealthyPercent": .int(deployment.minimumHealthyPercent),
                ]
            ),
            ("DesiredCount", .int(desiredCount)),
            ("EnableExecuteCommand", .bool(enableExecuteCommand)),
            ("HealthCheckGracePeriodSeconds", healthCheckGracePeriodSeconds.map(TemplateValue.int)),
            ("LaunchType", "FARGATE"),
            (
                "LoadBalancers",
                loadBalancers.nonEmpty {
                    [
                        "ContainerName": .string($0.containerName), "ContainerPort": .int($0.containerPort),
                        "TargetGroupArn": $0.targetGroupArn.template,
                    ]
                }.map(TemplateValue.list)
            ),
            (
                "NetworkConfiguration",
                [
                    "AwsvpcConfiguration": [
                        "AssignPublicIp": .string(assignPublicIp), "SecurityGroups": .list(securityGroups.map(\.template)),
                        "Subnets": .list(subnets.map(\.template)),
                    ]
                ]
            ),
            ("PropagateTags", .string(propagateTags)),
            ("ServiceConnectConfiguration", serviceConnect.map(\.cloudFormationProperties)),
            ("Tags", .list(tags.map { ["Key": .string($0.key), "Value": .string($0.value)] })),
            ("TaskDefinition", taskDefinition.template),
        ])
    }
}

extension DesiredService.ServiceConnect {
    var cloudFormationProperties: TemplateValue {
        .map(
            TemplateMap(setting: [
                ("Enabled", true),
                ("Namespace", .string(namespace)),
                (
                    "Services",
                    services.nonEmpty { server in
                        [
                            "ClientAliases": .list(server.clientAliases.map { ["DnsName": .string($0.dnsName), "Port": .int($0.port)] }),
                            "DiscoveryName": .string(server.discoveryName), "PortName": .string(server.portName),
                        ]
                    }.map(TemplateValue.list)
                ),
            ]))
    }
}
