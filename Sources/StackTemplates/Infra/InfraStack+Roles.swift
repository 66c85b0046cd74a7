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
        SkippedCheck(
            "CKV_AWS_111", "ecr:GetAuthorizationToken and the ssmmessages channel actions have no resource-level permissions; AWS requires \"*\"."),
        SkippedCheck(
            "CKV_AWS_356", "ecr:GetAuthorizationToken and the ssmmessages channel actions have no resource-level permissions; AWS requires \"*\"."),
    ]

    /// The secrets and parameters the execution role reads: the site's own, under its prefix,
    /// and exactly the external ones its tasks name. A secret's ARN ends in `-` and six random
    /// characters that a name (or a partial ARN) leaves out, so those get the `-??????` IAM
    /// documents for them; a parameter's ARN is its name.
    var readableValues: [TemplateValue] {
        let prefix = "arn:${AWS::Partition}"
        var arns: [TemplateValue] = [
            .sub("\(prefix):secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:\(input.names.secretPrefix)/*"),
            .sub("\(prefix):ssm:${AWS::Region}:${AWS::AccountId}:parameter/\(input.names.secretPrefix)/*"),
        ]
        for secret in input.externalSecrets {
            if secret.hasPrefix("arn:") {
                arns += [.string(secret), .string(secret + "-??????")]
            } else {
                arns.append(.sub("\(prefix):secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:\(secret)-??????"))
            }
        }
        for parameter in input.externalParameters {
            arns.append(
                parameter.hasPrefix("arn:")
                    ? .string(parameter)
                    : .sub(
                        "\(prefix):ssm:${AWS::Region}:${AWS::AccountId}:parameter/\(parameter.hasPrefix("/") ? String(parameter.dropFirst()) : parameter)"
                    ))
        }
        return arns
    }

    /// The execution role starts tasks: it pulls from the site's repositories, writes to the
    /// site's log group, and reads only the site's own secrets and parameters and the external
    /// ones its tasks name.
    var roles: TemplateSection {
        var statements: [TemplateValue] = [
            [
                "Sid": "WriteSiteLogs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": .getAtt("LogGroup", "Arn"),
            ],
            ["Sid": "ECRLogin", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"],
            [
                "Sid": "ReadSiteSecrets", "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "ssm:GetParameters"],
                "Resource": .list(readableValues),
            ],
        ]
        if !input.externalSecrets.isEmpty || !input.externalParameters.isEmpty {
            // An external secret or SecureString may be encrypted with a customer-managed key;
            // the role may decrypt only through those two services, for those calls.
            statements.append([
                "Sid": "DecryptExternalValues", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
                "Condition": [
                    "StringEquals": [
                        "kms:ViaService": [.sub("secretsmanager.${AWS::Region}.${AWS::URLSuffix}"), .sub("ssm.${AWS::Region}.${AWS::URLSuffix}")]
                    ]
                ],
            ])
        }
        let repositories = input.services.filter(\.hasRepository)
        if !repositories.isEmpty {
            statements.append([
                "Sid": "PullSiteImages", "Effect": "Allow",
                "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
                // Built from the names rather than GetAtt, so the repositories may live in nested stacks.
                "Resource": .list(repositories.map { repositoryArn(service: $0.name) }),
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
        for task in input.tasks {
            resources.append(taskRole(task))
        }
        return TemplateSection("IAM: the task execution role and one task role per task", resources)
    }

    func taskRole(_ task: InfraStackInput.TaskInput) -> Resource {
        let statements: [TemplateValue] = [
            [
                "Sid": "ExecuteCommand", "Effect": "Allow",
                "Action": [
                    "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
                    "ssmmessages:OpenDataChannel",
                ],
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
        for inline in task.inlinePolicies {
            policies.append(["PolicyName": .string(inline.name), "PolicyDocument": Overlay.value(inline.document)])
        }
        let whose = task.members == [task.name] ? "the \(task.name) service's" : "the \(task.name) task's (\(task.members.joined(separator: ", ")))"
        var properties: TemplateMap = [
            "Description": .sub("${AWS::StackName}: \(whose) own permissions"),
            "AssumeRolePolicyDocument": Self.assumeByTasks,
            "Policies": .list(policies),
        ]
        if !task.managedPolicies.isEmpty {
            properties["ManagedPolicyArns"] = .list(task.managedPolicies.map(TemplateValue.string))
        }
        properties["Tags"] = tags([(BerthTag.service, .string(task.name))])
        return Resource(
            StackLogicalID.taskRole(task: task.logicalId), "AWS::IAM::Role", properties, skippedChecks: Self.noResourceLevelPermissions,
            owner: "service:\(task.name)")
    }
}
