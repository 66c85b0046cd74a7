extension InfraStack {
    /// Site-wide values the services layer reads back; per-service and per-volume ones come from
    /// the stack's resources by logical id (see `InfraStack`), so the count stays fixed.
    var outputs: [TemplateOutput] {
        var outputs = [
            TemplateOutput(.vpcId, vpc),
            TemplateOutput(.subnets, .join(",", subnets.map(\.template))),
            TemplateOutput(.assignPublicIp, .string(assignPublicIp)),
            TemplateOutput(.servicesSecurityGroup, .ref("ServicesSecurityGroup")),
            TemplateOutput(.cluster, clusterName.template),
            TemplateOutput(.logGroup, .ref("LogGroup")),
            TemplateOutput(.taskExecutionRoleArn, .getAtt("TaskExecutionRole", "Arn")),
            // Service Connect takes the namespace by name; the Ref (its id) also ties the output to
            // the resource, so services are only deployed once the namespace exists.
            TemplateOutput(.namespace, .ref("Namespace")),
            TemplateOutput(.backupBucket, backupBucketName.template),
            TemplateOutput(.alarmTopic, .ref("AlarmTopic")),
        ]
        if !backedUpVolumes.isEmpty {
            outputs.append(TemplateOutput(.backupSecurityGroup, .ref("BackupSecurityGroup")))
        }
        if input.existingLoadBalancer == nil && !input.httpListeners.isEmpty {
            outputs.append(TemplateOutput(.loadBalancerDNS, .getAtt("LoadBalancer", "DNSName")))
        }
        if input.existingLoadBalancer == nil && !input.networkListeners.isEmpty {
            outputs.append(TemplateOutput(.networkLoadBalancerDNS, .getAtt("NetworkLoadBalancer", "DNSName")))
        }
        if input.existingLoadBalancer == nil && !(input.httpListeners.isEmpty && input.networkListeners.isEmpty) {
            let addresses = input.serviceAddresses(loadBalancer: "${LoadBalancer.DNSName}", networkLoadBalancer: "${NetworkLoadBalancer.DNSName}")
            let text = InfraStackInput.formatAddresses(addresses)
            outputs.append(TemplateOutput(.addresses, text.contains("${") ? .sub(text) : .string(text)))
        }
        return outputs
    }
}
