extension InfraStack {
    /// The SNS topic alarms notify, its e-mail subscriptions, and per-service CPU and memory
    /// alarms on the ECS metrics (services are named after their compose service).
    var alarms: TemplateSection {
        var resources = [
            Resource(
                "AlarmTopic", "AWS::SNS::Topic",
                ["DisplayName": .sub("${AWS::StackName} alarms"), "KmsMasterKeyId": "alias/aws/sns", "Tags": tags()])
        ]
        for (index, email) in input.alarmEmails.enumerated() {
            resources.append(
                Resource(
                    "AlarmEmail\(index + 1)", "AWS::SNS::Subscription",
                    ["TopicArn": .ref("AlarmTopic"), "Protocol": "email", "Endpoint": .string(email)]))
        }
        for service in input.tasks {
            for (metric, threshold) in [("CPUUtilization", 85), ("MemoryUtilization", 90)] {
                resources.append(
                    Resource(
                        "\(service.logicalId)\(metric == "CPUUtilization" ? "Cpu" : "Memory")Alarm", "AWS::CloudWatch::Alarm",
                        [
                            "AlarmDescription": .string("\(service.name): \(metric) above \(threshold)% for 15 minutes"),
                            "Namespace": "AWS/ECS", "MetricName": .string(metric),
                            "Dimensions": [["Name": "ClusterName", "Value": clusterName], ["Name": "ServiceName", "Value": .string(service.name)]],
                            "Statistic": "Average", "Period": 300, "EvaluationPeriods": 3, "Threshold": .int(threshold),
                            "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": "notBreaching",
                            "AlarmActions": [.ref("AlarmTopic")], "OKActions": [.ref("AlarmTopic")],
                        ], owner: "service:\(service.name)"))
            }
        }
        return TemplateSection("Alarms: an SNS topic with the e-mail recipients, CPU and memory alarms per service", resources)
    }
}
