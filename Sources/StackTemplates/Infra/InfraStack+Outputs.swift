extension InfraStack {
    /// Site-wide values the services layer reads back; per-service and per-volume ones come from
    /// the stack's resources by logical id (see `InfraStack`), so the count stays fixed.
    var outputs: [TemplateOutput] {
        var outputs = [
            TemplateOutput("VpcId", vpc),
            TemplateOutput("Subnets", .join(",", subnets)),
            // Tasks in public subnets need a public IP to reach ECR; behind a NAT gateway they must not have one.
            TemplateOutput("AssignPublicIp", .string(input.privateSubnets ? "DISABLED" : "ENABLED")),
            TemplateOutput("ServicesSecurityGroup", .ref("ServicesSecurityGroup")),
            TemplateOutput("Cluster", clusterName),
            TemplateOutput("LogGroup", .ref("LogGroup")),
            TemplateOutput("TaskExecutionRoleArn", .getAtt("TaskExecutionRole", "Arn")),
            // Service Connect takes the namespace by name; the Ref (its id) also ties the output to
            // the resource, so services are only deployed once the namespace exists.
            TemplateOutput("Namespace", .ref("Namespace")),
            TemplateOutput("BackupBucket", .ref("BackupBucket")),
            TemplateOutput("AlarmTopic", .ref("AlarmTopic")),
        ]
        if input.existingLoadBalancer == nil && !input.httpListeners.isEmpty {
            outputs.append(TemplateOutput("LoadBalancerDNS", .getAtt("LoadBalancer", "DNSName")))
        }
        if input.existingLoadBalancer == nil && !input.networkListeners.isEmpty {
            outputs.append(TemplateOutput("NetworkLoadBalancerDNS", .getAtt("NetworkLoadBalancer", "DNSName")))
        }
        return outputs
    }
}
