extension InfraStack {
    /// Site-wide values the services layer reads back; per-service and per-volume ones come from
    /// the stack's resources by logical id (see `InfraStack`), so the count stays fixed.
    var outputs: [TemplateOutput] {
        var outputs = [
            TemplateOutput("VpcId", vpc),
            TemplateOutput("Subnets", .join(",", subnets)),
            TemplateOutput("ServicesSecurityGroup", .ref("ServicesSecurityGroup")),
            TemplateOutput("Cluster", clusterName),
            TemplateOutput("LogGroup", .ref("LogGroup")),
            TemplateOutput("TaskExecutionRoleArn", .getAtt("TaskExecutionRole", "Arn")),
            TemplateOutput("NamespaceArn", .getAtt("Namespace", "Arn")),
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
