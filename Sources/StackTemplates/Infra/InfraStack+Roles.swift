import ComposeModel

extension InfraStack {
    static let assumeByTasks: TemplateValue = [
        "Version": "2012-10-17",
        "Statement": [
            [
                "Effect": "Allow", "Principal": ["Service": "ecs-tasks.amazonaws.com"], "Action": "sts:AssumeRole",
                "Condition": ["StringEquals": ["aws:SourceAccount": .ref("AWS::AccountId")]],
            ]
        ],
    ]

    static let noResourceLevelPermissions = [
        SkippedCheck("CKV_AWS_111", "ecr:GetAuthorizationToken and the ssmmessages channel actions have no resource-level permissions; AWS requires \"*\"."),
        SkippedCheck("CKV_AWS_356", "ecr:GetAuthorizationToken and the ssmmessages channel actions have no resource-level permissions; AWS requires \"*\"."),
    ]

    /// The execution role starts tasks: it pulls from the site's repositories, writes to the
    /// site's log group, and reads only the site's own secrets and parameters.
    var roles: TemplateSection {
        var statements: [TemplateValue] = [
            ["Sid": "WriteSiteLogs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": .getAtt("LogGroup", "Arn")],
            ["Sid": "ECRLogin", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"],
            [
                "Sid": "ReadSiteSecrets", "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "ssm:GetParameters"],
                "Resource": [
                    .sub("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:\(input.names.secretPrefix)/*"),
                    .sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/\(input.names.secretPrefix)/*"),
                ],
            ],
        ]
        let repositories = input.services.filter(\.hasRepository)
        if !repositories.isEmpty {
            statements.append([
                "Sid": "PullSiteImages", "Effect": "Allow",
                "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
                // Built from the names rather than GetAtt, so the repositories may live in nested stacks.
                "Resource": .list(repositories.map {
                    .sub("arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/\(input.names.repository(service: $0.name))")
                }),
            ])
        }
        var resources = [
            Resource(
                "TaskExecutionRole", "AWS::IAM::Role",
                [
                    "Description": .sub("${AWS::StackName}: starts tasks (image pulls, logs, secrets)"),
                    "AssumeRolePolicyDocument": Self.assumeByTasks,
                    "Policies": [["PolicyName": "task-execution", "PolicyDocument": ["Version": "2012-10-17", "Statement": .list(statements)]]],
                    "Tags": tags(),
                ],
                skippedChecks: Self.noResourceLevelPermissions)
        ]
        for service in input.services {
            resources.append(taskRole(service))
        }
        return TemplateSection("IAM: the task execution role and one task role per service", resources)
    }

    func taskRole(_ service: InfraStackInput.ServiceInput) -> Resource {
        var statements: [TemplateValue] = [
            [
                "Sid": "ExecuteCommand", "Effect": "Allow",
                "Action": ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
                "Resource": "*",
            ]
        ]
        // No EFS permission here: the services layer attaches one (inline policy
        // `berth-access-points`) once the service's access points exist, allowing ClientMount and
        // ClientWrite only through them (elasticfilesystem:AccessPointArn), which a template
        // cannot express because access point ids are not known before they are created.
        var policies: [TemplateValue] = [
            ["PolicyName": "service", "PolicyDocument": ["Version": "2012-10-17", "Statement": .list(statements)]]
        ]
        if let inline = service.inlinePolicy {
            policies.append(["PolicyName": "x-aws-role", "PolicyDocument": Overlay.value(inline)])
        }
        var properties: TemplateMap = [
            "Description": .sub("${AWS::StackName}: the \(service.name) service's own permissions"),
            "AssumeRolePolicyDocument": Self.assumeByTasks,
            "Policies": .list(policies),
        ]
        if !service.managedPolicies.isEmpty {
            properties["ManagedPolicyArns"] = .list(service.managedPolicies.map(TemplateValue.string))
        }
        properties["Tags"] = tags([("berth:service", .string(service.name))])
        return Resource(
            "TaskRole\(service.logicalId)", "AWS::IAM::Role", properties, skippedChecks: Self.noResourceLevelPermissions,
            owner: "service:\(service.name)")
    }
}
