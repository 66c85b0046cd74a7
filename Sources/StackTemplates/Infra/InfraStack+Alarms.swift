import ComposeModel

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
        // A topic policy replaces SNS's default one, which let the account's own principals (and
        // so CloudWatch) publish but not EventBridge: its rules need the service named here.
        resources.append(
            Resource(
                "AlarmTopicPolicy", "AWS::SNS::TopicPolicy",
                [
                    "Topics": [.ref("AlarmTopic")],
                    "PolicyDocument": [
                        "Version": "2012-10-17",
                        "Statement": [
                            [
                                "Sid": "AlarmsAndRulesPublish", "Effect": "Allow",
                                "Principal": ["Service": .list(Self.alarmPublishers.map { .string($0) })],
                                "Action": "sns:Publish", "Resource": .ref("AlarmTopic"),
                                "Condition": ["StringEquals": ["aws:SourceAccount": .ref("AWS::AccountId")]],
                            ]
                        ],
                    ],
                ]))
        for (index, email) in input.alarmEmails.enumerated() {
            resources.append(
                Resource(
                    "AlarmEmail\(index + 1)", "AWS::SNS::Subscription",
                    ["TopicArn": .ref("AlarmTopic"), "Protocol": "email", "Endpoint": .string(email)]))
        }
        if input.alarmsEnabled { resources += alarmResources }
        return TemplateSection(
            "Alarms: an SNS topic with the e-mail recipients; per task CPU, memory and missing tasks, per published service server errors and unhealthy targets, per file system its I/O limit",
            resources)
    }

    /// Every alarm notifies the topic when it fires and when it recovers.
    func alarm(_ logicalId: String, owner: String, _ description: String, _ properties: TemplateMap) -> Resource {
        var properties = properties
        properties["AlarmDescription"] = .string(description)
        properties["AlarmActions"] = [.ref("AlarmTopic")]
        properties["OKActions"] = [.ref("AlarmTopic")]
        if properties["TreatMissingData"] == nil { properties["TreatMissingData"] = "notBreaching" }
        return Resource(logicalId, "AWS::CloudWatch::Alarm", properties, owner: owner)
    }

    /// `minutes` as whole five-minute periods where it divides, one-minute periods otherwise.
    static func periods(minutes: Int) -> (period: Int, count: Int) {
        minutes % 5 == 0 ? (300, minutes / 5) : (60, minutes)
    }

    var alarmResources: [Resource] {
        var resources: [Resource] = []
        for task in input.tasks {
            let limits = task.alarmLimits
            let minutes = limits.resolvedMinutes
            let (period, count) = Self.periods(minutes: minutes)
            let service: TemplateValue = [
                ["Name": "ClusterName", "Value": clusterName.template], ["Name": "ServiceName", "Value": .string(task.name)],
            ]
            for (metric, limit, id) in [
                ("CPUUtilization", limits.cpu, StackLogicalID.cpuAlarm(task: task.logicalId)),
                ("MemoryUtilization", limits.memory, StackLogicalID.memoryAlarm(task: task.logicalId)),
            ] {
                guard let threshold = limit?.value else { continue }
                resources.append(
                    alarm(
                        id, owner: "service:\(task.name)", "\(task.name): \(metric) above \(threshold)% for \(minutes) minutes",
                        [
                            "Namespace": "AWS/ECS", "MetricName": .string(metric), "Dimensions": service, "Statistic": "Average",
                            "Period": .int(period), "EvaluationPeriods": .int(count), "Threshold": .int(threshold),
                            "ComparisonOperator": "GreaterThanThreshold",
                        ]))
            }
            // Container Insights counts desired and running tasks; a gap that lasts is a service
            // whose tasks keep failing to start or to stay up.
            func taskCount(_ id: String, _ metric: String) -> TemplateValue {
                [
                    "Id": .string(id), "ReturnData": false,
                    "MetricStat": [
                        "Metric": ["Namespace": "ECS/ContainerInsights", "MetricName": .string(metric), "Dimensions": service],
                        "Period": 60, "Stat": "Average",
                    ],
                ]
            }
            resources.append(
                alarm(
                    StackLogicalID.tasksMissingAlarm(task: task.logicalId), owner: "service:\(task.name)",
                    "\(task.name): fewer tasks running than desired for \(minutes) minutes",
                    [
                        "Metrics": [
                            ["Id": "missing", "Expression": "desired - running", "Label": "Tasks missing", "ReturnData": true],
                            taskCount("desired", "DesiredTaskCount"), taskCount("running", "RunningTaskCount"),
                        ],
                        "EvaluationPeriods": .int(minutes), "Threshold": 0, "ComparisonOperator": "GreaterThanThreshold",
                    ]))
        }
        if input.existingLoadBalancer == nil {
            for (service, listener) in input.httpListeners {
                let group = Self.targetGroupId(service: service, port: listener.containerPort)
                let dimensions: TemplateValue = [
                    ["Name": "LoadBalancer", "Value": .getAtt("LoadBalancer", "LoadBalancerFullName")],
                    ["Name": "TargetGroup", "Value": .getAtt(group, "TargetGroupFullName")],
                ]
                if let threshold = service.alarmLimits.http5xx?.value {
                    resources.append(
                        alarm(
                            StackLogicalID.serverErrorsAlarm(targetGroup: group), owner: "service:\(service.name)",
                            "\(service.name): \(threshold) or more 5xx answers in 5 minutes (port \(listener.containerPort))",
                            [
                                "Namespace": "AWS/ApplicationELB", "MetricName": "HTTPCode_Target_5XX_Count", "Dimensions": dimensions,
                                "Statistic": "Sum", "Period": 300, "EvaluationPeriods": 1, "Threshold": .int(threshold),
                                "ComparisonOperator": "GreaterThanOrEqualToThreshold",
                            ]))
                }
                resources.append(
                    alarm(
                        StackLogicalID.unhealthyTargetsAlarm(targetGroup: group), owner: "service:\(service.name)",
                        "\(service.name): a target failing its health check for 5 minutes (port \(listener.containerPort))",
                        [
                            "Namespace": "AWS/ApplicationELB", "MetricName": "UnHealthyHostCount", "Dimensions": dimensions,
                            "Statistic": "Maximum", "Period": 60, "EvaluationPeriods": 5, "Threshold": 0,
                            "ComparisonOperator": "GreaterThanThreshold",
                        ]))
            }
        }
        // General Purpose file systems have an I/O operations limit; near it, every file access slows.
        for volume in input.ownedVolumes {
            resources.append(
                alarm(
                    StackLogicalID.ioLimitAlarm(volume: volume.logicalId), owner: "volume:\(volume.name)",
                    "volume \(volume.name): file system above 90% of its I/O limit for 15 minutes",
                    [
                        "Namespace": "AWS/EFS", "MetricName": "PercentIOLimit",
                        "Dimensions": [["Name": "FileSystemId", "Value": volume.fileSystemReference.template]],
                        "Statistic": "Average", "Period": 300, "EvaluationPeriods": 3, "Threshold": 90,
                        "ComparisonOperator": "GreaterThanThreshold",
                    ]))
        }
        return resources
    }
}

/// An alarm the stack declares, as `status` and `alarms` find it again: by logical id, with what
/// it watches (`service` is the ECS service's name, which a grouped task shares with its members).
package struct DeclaredAlarm: Sendable, Equatable {
    package enum Subject: Sendable, Equatable, Hashable {
        case service(String)
        case volume(String)
    }

    package var logicalId: String
    package var subject: Subject
    package var description: String
}

extension InfraStack {
    /// The alarms of this input, from the very resources the template declares.
    package var declaredAlarms: [DeclaredAlarm] {
        guard input.alarmsEnabled else { return [] }
        return alarmResources.compactMap { resource in
            guard let owner = resource.owner, case .string(let description)? = resource.properties["AlarmDescription"] else { return nil }
            let parts = owner.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            return DeclaredAlarm(
                logicalId: resource.logicalId, subject: parts[0] == "volume" ? .volume(parts[1]) : .service(parts[1]), description: description)
        }
    }
}
