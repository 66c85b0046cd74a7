extension InfraStack {
    /// The services that publish to the alarm topic: CloudWatch alarms, and EventBridge rules.
    static let alarmPublishers = ["cloudwatch.amazonaws.com", "events.amazonaws.com"]

    /// The SNS topic alarms notify, its e-mail subscriptions, and per-service CPU and memory
    /// alarms on the ECS metrics (services are named after their compose service).
    ///
    /// The topic is encrypted with a key of the stack's own. The AWS-managed `alias/aws/sns` key
    /// would not do: its policy cannot be changed to let CloudWatch use it, so every alarm
    /// notification would fail with a KMS AccessDenied in the alarm's history and no e-mail.
    var alarms: TemplateSection {
        let account: TemplateValue = ["AWS": .sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")]
        var resources = [
            Resource(
                "AlarmTopicKey", "AWS::KMS::Key",
                [
                    "Description": .sub("${AWS::StackName}: encrypts the alarm topic; CloudWatch and EventBridge may use it"),
                    "EnableKeyRotation": true, "PendingWindowInDays": 7,
                    "KeyPolicy": [
                        "Version": "2012-10-17",
                        "Statement": [
                            ["Sid": "AccountAdministersTheKey", "Effect": "Allow", "Principal": account, "Action": "kms:*", "Resource": "*"],
                            [
                                "Sid": "AlarmsAndRulesPublishToTheTopic", "Effect": "Allow",
                                "Principal": ["Service": .list(Self.alarmPublishers.map { .string($0) })],
                                "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
                                "Condition": ["StringEquals": ["aws:SourceAccount": .ref("AWS::AccountId")]],
                            ],
                        ],
                    ],
                    "Tags": tags(),
                ]),
            Resource(
                "AlarmTopic", "AWS::SNS::Topic",
                ["DisplayName": .sub("${AWS::StackName} alarms"), "KmsMasterKeyId": .getAtt("AlarmTopicKey", "Arn"), "Tags": tags()]),
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
                        metric == "CPUUtilization"
                            ? StackLogicalID.cpuAlarm(task: service.logicalId) : StackLogicalID.memoryAlarm(task: service.logicalId),
                        "AWS::CloudWatch::Alarm",
                        [
                            "AlarmDescription": .string("\(service.name): \(metric) above \(threshold)% for 15 minutes"),
                            "Namespace": "AWS/ECS", "MetricName": .string(metric),
                            "Dimensions": [
                                ["Name": "ClusterName", "Value": clusterName.template], ["Name": "ServiceName", "Value": .string(service.name)],
                            ],
                            "Statistic": "Average", "Period": 300, "EvaluationPeriods": 3, "Threshold": .int(threshold),
                            "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": "notBreaching",
                            "AlarmActions": [.ref("AlarmTopic")], "OKActions": [.ref("AlarmTopic")],
                        ], owner: "service:\(service.name)"))
            }
        }
        return TemplateSection("Alarms: an SNS topic with the e-mail recipients, CPU and memory alarms per service", resources)
    }
}
