import ComposeModel

extension InfraStack {
    /// The volumes the backup takes, as the stack knows them.
    var backedUpVolumes: [InfraStackInput.VolumeInput] {
        guard let backup = input.backup else { return [] }
        return input.ownedVolumes.filter { backup.volumes.contains($0.name) }
    }

    /// Scheduled backups of the volumes to the backup bucket, and the restore task that brings a
    /// snapshot back (see `BackupTask`, `BackupScripts`):
    ///
    /// - a backup task definition that mounts each volume's file system read-only (its role has
    ///   no ClientWrite) and writes `ENV/VOLUME/SNAPSHOT/` into the bucket (PutObject there only);
    /// - a restore task definition that may read those keys and write the volumes;
    /// - an EventBridge Scheduler schedule that runs the backup, with a role that may start only
    ///   that task definition in the site's cluster and pass only its two roles;
    /// - a security group for both tasks: HTTPS out, NFS to the file systems;
    /// - an EventBridge rule that tells the alarm topic when a backup task stops with a failure.
    ///
    /// The file systems are mounted at their root and the scripts read each volume's directory
    /// in it: a directory nothing has written yet (no access point has made it) is an empty
    /// snapshot rather than a task that cannot start.
    var backups: TemplateSection {
        let volumes = backedUpVolumes
        guard let backup = input.backup, !volumes.isEmpty else { return TemplateSection("Backups: no volume to back up", []) }
        let snapshots: StackString = .joined([.literal("arn:"), .ref("AWS::Partition"), .literal(":s3:::"), backupBucketName])
            .appending("/\(input.names.backupPrefix)/*")
        let fileSystems = volumes.map { fileSystemArn($0).template }
        let resources = [
            Resource(
                "BackupSecurityGroup", "AWS::EC2::SecurityGroup",
                [
                    "GroupDescription": .sub("${AWS::StackName} backup and restore tasks: HTTPS out, NFS to the file systems"), "VpcId": vpc,
                    "SecurityGroupEgress": [
                        [
                            "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0",
                            "Description": "S3, ECR Public and CloudWatch Logs",
                        ]
                    ],
                    "Tags": tags(),
                ]),
            Resource(
                "BackupEgressToFileSystems", "AWS::EC2::SecurityGroupEgress",
                [
                    "GroupId": .ref("BackupSecurityGroup"), "IpProtocol": "tcp", "FromPort": 2049, "ToPort": 2049,
                    "DestinationSecurityGroupId": .ref(Self.fileSystemSecurityGroup), "Description": "NFS to the file systems",
                ]),
            backupRole(
                StackLogicalID.backupTaskRole, "reads the volumes (no ClientWrite) and writes snapshots",
                s3: ["s3:PutObject"], efs: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientRootAccess"], snapshots: snapshots,
                fileSystems: fileSystems),
            backupRole(
                StackLogicalID.restoreTaskRole, "reads snapshots and writes the volumes",
                s3: ["s3:GetObject"],
                efs: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"],
                snapshots: snapshots, fileSystems: fileSystems),
            backupTaskDefinition(volumes),
            restoreTaskDefinition(volumes),
            Resource(
                "BackupSchedulerRole", "AWS::IAM::Role",
                [
                    "Description": .sub("${AWS::StackName}: EventBridge Scheduler starts the backup task"),
                    "AssumeRolePolicyDocument": [
                        "Version": "2012-10-17",
                        "Statement": [
                            [
                                "Effect": "Allow", "Principal": ["Service": "scheduler.amazonaws.com"], "Action": "sts:AssumeRole",
                                "Condition": ["StringEquals": ["aws:SourceAccount": .ref("AWS::AccountId")]],
                            ]
                        ],
                    ],
                    "Policies": [
                        [
                            "PolicyName": "run-backup",
                            "PolicyDocument": [
                                "Version": "2012-10-17",
                                "Statement": [
                                    [
                                        "Sid": "RunBackupTask", "Effect": "Allow", "Action": "ecs:RunTask",
                                        "Resource": .sub(
                                            "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/\(input.names.backupTaskFamily):*"
                                        ),
                                        "Condition": ["ArnLike": ["ecs:cluster": clusterArn.template]],
                                    ],
                                    [
                                        "Sid": "PassBackupRoles", "Effect": "Allow", "Action": "iam:PassRole",
                                        "Resource": [.getAtt("TaskExecutionRole", "Arn"), .getAtt(StackLogicalID.backupTaskRole, "Arn")],
                                        "Condition": ["StringEquals": ["iam:PassedToService": "ecs-tasks.amazonaws.com"]],
                                    ],
                                ],
                            ],
                        ]
                    ],
                    "Tags": tags(),
                ]),
            Resource(
                "BackupSchedule", "AWS::Scheduler::Schedule",
                [
                    "Description": .sub("${AWS::StackName}: backs up \(volumes.map(\.name).joined(separator: ", ")) to the backup bucket"),
                    "ScheduleExpression": .string(backup.schedule), "ScheduleExpressionTimezone": "UTC", "State": "ENABLED",
                    "FlexibleTimeWindow": ["Mode": "OFF"],
                    "Target": [
                        "Arn": clusterArn.template, "RoleArn": .getAtt("BackupSchedulerRole", "Arn"),
                        "RetryPolicy": ["MaximumRetryAttempts": 2, "MaximumEventAgeInSeconds": 3600],
                        "EcsParameters": [
                            "TaskDefinitionArn": .ref(StackLogicalID.backupTaskDefinition), "TaskCount": 1, "LaunchType": "FARGATE",
                            "PlatformVersion": "LATEST",
                            "NetworkConfiguration": [
                                "AwsvpcConfiguration": [
                                    "Subnets": .list(subnets.map(\.template)), "SecurityGroups": [.ref("BackupSecurityGroup")],
                                    "AssignPublicIp": .string(assignPublicIp),
                                ]
                            ],
                        ],
                    ],
                ]),
            Resource(
                "BackupFailedRule", "AWS::Events::Rule",
                [
                    "Description": .sub("${AWS::StackName}: a backup task stopped with a failure"),
                    "State": "ENABLED",
                    "EventPattern": [
                        "source": ["aws.ecs"], "detail-type": ["ECS Task State Change"],
                        "detail": [
                            "clusterArn": [clusterArn.template], "group": .list([.string("family:" + input.names.backupTaskFamily)]),
                            "lastStatus": ["STOPPED"],
                            "$or": [["containers": ["exitCode": [["anything-but": 0]]]], ["stopCode": ["TaskFailedToStart"]]],
                        ],
                    ],
                    "Targets": [
                        [
                            "Id": "alarm-topic", "Arn": .ref("AlarmTopic"),
                            "InputTransformer": [
                                "InputPathsMap": ["task": "$.detail.taskArn", "reason": "$.detail.stoppedReason"],
                                "InputTemplate": .sub(
                                    "\"${AWS::StackName}: the backup task <task> failed (<reason>). berth logs shows its output; berth backup now runs it again.\""
                                ),
                            ],
                        ]
                    ],
                ]),
        ]
        return TemplateSection(
            "Backups: a scheduled task copies \(volumes.map(\.name).joined(separator: ", ")) to the backup bucket; a restore task brings a snapshot back",
            resources)
    }

    /// The security group of the file systems' mount targets.
    static let fileSystemSecurityGroup = "FileSystemSecurityGroup"

    /// Tasks in public subnets need a public IP to reach S3 and ECR; behind a NAT gateway they must not have one.
    var assignPublicIp: String { input.privateSubnets ? "DISABLED" : "ENABLED" }

    /// The cluster's ARN: the stack's own, or the existing one's, built from its name.
    var clusterArn: StackString {
        input.existingCluster == nil
            ? .getAtt("Cluster", "Arn")
            : .joined([
                .literal("arn:"), .ref("AWS::Partition"), .literal(":ecs:"), .ref("AWS::Region"), .literal(":"), .ref("AWS::AccountId"),
                .literal(":cluster/"), clusterName,
            ])
    }

    func fileSystemArn(_ volume: InfraStackInput.VolumeInput) -> StackString {
        .joined([
            .literal("arn:"), .ref("AWS::Partition"), .literal(":elasticfilesystem:"), .ref("AWS::Region"), .literal(":"), .ref("AWS::AccountId"),
            .literal(":file-system/"), volume.fileSystemReference,
        ])
    }

    private func backupRole(
        _ logicalId: String, _ purpose: String, s3: [String], efs: [String], snapshots: StackString, fileSystems: [TemplateValue]
    ) -> Resource {
        Resource(
            logicalId, "AWS::IAM::Role",
            [
                "Description": .sub("${AWS::StackName}: \(purpose)"),
                "AssumeRolePolicyDocument": Self.assumeByTasks,
                "Policies": [
                    [
                        "PolicyName": "snapshots",
                        "PolicyDocument": [
                            "Version": "2012-10-17",
                            "Statement": [
                                [
                                    "Sid": "Snapshots", "Effect": "Allow", "Action": .list(s3.map(TemplateValue.string)),
                                    "Resource": snapshots.template,
                                ],
                                [
                                    "Sid": "Volumes", "Effect": "Allow", "Action": .list(efs.map(TemplateValue.string)),
                                    "Resource": .list(fileSystems),
                                ],
                            ],
                        ],
                    ]
                ],
                "Tags": tags(),
            ])
    }

    private func backupTaskDefinition(_ volumes: [InfraStackInput.VolumeInput]) -> Resource {
        return taskDefinition(
            StackLogicalID.backupTaskDefinition, family: input.names.backupTaskFamily, role: StackLogicalID.backupTaskRole, volumes: volumes,
            containers: [
                container(
                    BackupTask.archiveContainer, image: ToolImage.alpine, script: BackupScripts.archive, essential: false,
                    logPrefix: BackupTask.backupLogPrefix,
                    environment: volumeVariables(volumes) + [
                        (BackupTask.Variable.sources, sources(volumes)),
                        (BackupTask.Variable.staging, .literal(BackupTask.stagingPath)),
                    ],
                    mountPoints: volumes.map { volumeMount($0, readOnly: true) } + [stagingMount]),
                container(
                    BackupTask.uploadContainer, image: ToolImage.awsCLI, script: BackupScripts.upload, essential: true,
                    logPrefix: BackupTask.backupLogPrefix, environment: bucketVariables, mountPoints: [stagingMount],
                    dependsOn: [(BackupTask.archiveContainer, "COMPLETE")]),
            ])
    }

    private func restoreTaskDefinition(_ volumes: [InfraStackInput.VolumeInput]) -> Resource {
        return taskDefinition(
            StackLogicalID.restoreTaskDefinition, family: input.names.restoreTaskFamily, role: StackLogicalID.restoreTaskRole, volumes: volumes,
            containers: [
                container(
                    BackupTask.downloadContainer, image: ToolImage.awsCLI, script: BackupScripts.download, essential: false,
                    logPrefix: BackupTask.restoreLogPrefix, environment: bucketVariables, mountPoints: [stagingMount]),
                container(
                    BackupTask.extractContainer, image: ToolImage.alpine, script: BackupScripts.extract, essential: true,
                    logPrefix: BackupTask.restoreLogPrefix,
                    environment: volumeVariables(volumes) + [(BackupTask.Variable.staging, .literal(BackupTask.stagingPath))],
                    mountPoints: volumes.map { volumeMount($0, readOnly: false) } + [stagingMount],
                    dependsOn: [(BackupTask.downloadContainer, "SUCCESS")]),
            ])
    }

    private var stagingMount: TemplateValue {
        ["SourceVolume": .string(BackupTask.stagingVolume), "ContainerPath": .string(BackupTask.stagingPath)]
    }

    private var bucketVariables: [(String, StackString)] {
        [
            (BackupTask.Variable.bucket, backupBucketName), (BackupTask.Variable.prefix, .literal(input.names.backupPrefix)),
            (BackupTask.Variable.staging, .literal(BackupTask.stagingPath)),
        ]
    }

    private func volumeVariables(_ volumes: [InfraStackInput.VolumeInput]) -> [(String, StackString)] {
        [
            (BackupTask.Variable.volumes, .literal(volumes.map { "\($0.name)=\(BackupTask.mountPath(volume: $0.name))" }.joined(separator: " "))),
            (BackupTask.Variable.directories, .literal(volumes.map { "\($0.name)=\($0.directory)" }.joined(separator: " "))),
        ]
    }

    /// `name=fs-id:/directory …`, the file system ids as the stack knows them.
    private func sources(_ volumes: [InfraStackInput.VolumeInput]) -> StackString {
        .joined(
            volumes.enumerated().flatMap { index, volume -> [StackString] in
                [.literal((index == 0 ? "" : " ") + volume.name + "="), volume.fileSystemReference, .literal(":" + volume.directory)]
            })
    }

    private static func volumeName(_ volume: InfraStackInput.VolumeInput) -> String { "volume-" + volume.logicalId }

    private func volumeMount(_ volume: InfraStackInput.VolumeInput, readOnly: Bool) -> TemplateValue {
        [
            "SourceVolume": .string(Self.volumeName(volume)), "ContainerPath": .string(BackupTask.mountPath(volume: volume.name)),
            "ReadOnly": .bool(readOnly),
        ]
    }

    /// One of Berth's own containers: `script` run with `sh -c`, logging to the site's group.
    func container(
        _ name: String, image: String, script: String, essential: Bool, logPrefix: String, environment: [(String, StackString)] = [],
        mountPoints: [TemplateValue] = [], dependsOn: [(String, String)] = [], readOnlyRootFilesystem: Bool = false
    ) -> TemplateValue {
        var definition: TemplateMap = [
            "Name": .string(name), "Image": .string(image), "Essential": .bool(essential),
            // The aws-cli image's entry point is `aws`; both run the script with sh.
            "EntryPoint": ["/bin/sh", "-c"], "Command": [.string(script)],
            "LogConfiguration": [
                "LogDriver": "awslogs",
                "Options": ["awslogs-group": .ref("LogGroup"), "awslogs-region": .ref("AWS::Region"), "awslogs-stream-prefix": .string(logPrefix)],
            ],
        ]
        if !environment.isEmpty {
            definition["Environment"] = .list(environment.map { ["Name": .string($0.0), "Value": $0.1.template] })
        }
        if !mountPoints.isEmpty { definition["MountPoints"] = .list(mountPoints) }
        if readOnlyRootFilesystem { definition["ReadonlyRootFilesystem"] = true }
        if !dependsOn.isEmpty {
            definition["DependsOn"] = .list(dependsOn.map { ["ContainerName": .string($0.0), "Condition": .string($0.1)] })
        }
        return .map(definition)
    }

    private func taskDefinition(
        _ logicalId: String, family: String, role: String, volumes: [InfraStackInput.VolumeInput], containers: [TemplateValue]
    ) -> Resource {
        Resource(
            logicalId, "AWS::ECS::TaskDefinition",
            [
                "Family": .string(family), "RequiresCompatibilities": ["FARGATE"], "NetworkMode": "awsvpc", "Cpu": "512", "Memory": "1024",
                "EphemeralStorage": ["SizeInGiB": .int(BackupTask.ephemeralStorageGiB)],
                "RuntimePlatform": ["OperatingSystemFamily": "LINUX", "CpuArchitecture": "X86_64"],
                "ExecutionRoleArn": .getAtt("TaskExecutionRole", "Arn"), "TaskRoleArn": .getAtt(role, "Arn"),
                "Volumes": .list(
                    [["Name": .string(BackupTask.stagingVolume)]]
                        + volumes.map { volume in
                            [
                                "Name": .string(Self.volumeName(volume)),
                                "EFSVolumeConfiguration": [
                                    "FilesystemId": volume.fileSystemReference.template, "RootDirectory": "/", "TransitEncryption": "ENABLED",
                                    "AuthorizationConfig": ["IAM": "ENABLED"],
                                ],
                            ]
                        }),
                "ContainerDefinitions": .list(containers),
                "Tags": tags(),
            ],
            skippedChecks: [
                SkippedCheck(
                    "CKV_AWS_336", "The AWS CLI container writes its caches under HOME; the scripts write only to the staging volume and the volumes."
                )
            ])
    }
}
