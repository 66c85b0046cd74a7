import DeployEngine
import StackTemplates
import Testing

/// The single template's renderer, field by field: each property is named as CloudFormation
/// names it, maps keyed by data keep their keys, and ids only the stack knows are intrinsics.
struct DesiredStateCloudFormationRendererTests {
    static func container(_ container: DesiredContainer) throws -> TemplateMap {
        let definition = DesiredModels.taskDefinition(containers: [container]).cloudFormationProperties
        guard case .list(let containers)? = definition["ContainerDefinitions"], case .map(let properties)? = containers.first else {
            throw DeployError("no container in \(definition)")
        }
        return properties
    }

    /// Name, image and essential first, the rest alphabetically: the order templates have
    /// always had, so a rendered template does not move.
    @Test func everyContainerPropertyInTheTemplatesOrder() throws {
        let properties = try Self.container(DesiredModels.fullContainer())
        #expect(
            properties.keys == [
                "Name", "Image", "Essential", "Command", "DependsOn", "EntryPoint", "Environment", "HealthCheck", "LinuxParameters",
                "LogConfiguration", "MountPoints", "PortMappings", "ReadonlyRootFilesystem", "RepositoryCredentials", "Secrets", "StopTimeout",
                "Ulimits", "User", "WorkingDirectory",
            ])
        #expect(properties["Name"] == "web")
        #expect(properties["Image"] == "nginx:1.27")
        #expect(properties["Essential"] == true)
        #expect(properties["Command"] == ["nginx", "-g", "daemon off;"])
        #expect(properties["DependsOn"] == [["Condition": "SUCCESS", "ContainerName": "berth-files"]])
        #expect(properties["EntryPoint"] == ["/entry.sh"])
        // Known text is written as it is: `${` only means something inside Fn::Sub.
        #expect(properties["Environment"] == [["Name": "A", "Value": "costs ${HOME}"], ["Name": "B", "Value": "2"]])
        #expect(properties["HealthCheck"] == ["Command": ["CMD", "true"], "Interval": 30, "Retries": 3, "StartPeriod": 10, "Timeout": 5])
        #expect(properties["LinuxParameters"] == ["InitProcessEnabled": true])
        #expect(properties["MountPoints"] == [["ContainerPath": "/data", "ReadOnly": true, "SourceVolume": "vol-data"]])
        #expect(properties["PortMappings"] == [["Name": "web-80-tcp", "ContainerPort": 80, "Protocol": "tcp"]])
        #expect(properties["ReadonlyRootFilesystem"] == true)
        #expect(properties["RepositoryCredentials"] == ["CredentialsParameter": "arn:aws:secretsmanager:eu-west-1:1:secret:creds"])
        #expect(properties["Secrets"] == [["Name": "BERTH_FILE_0", "ValueFrom": "arn:aws:ssm:eu-west-1:1:parameter/p"]])
        #expect(properties["StopTimeout"] == 120)
        #expect(properties["Ulimits"] == [["Name": "nofile", "HardLimit": 2048, "SoftLimit": 1024]])
        #expect(properties["User"] == "101")
        #expect(properties["WorkingDirectory"] == "/srv")
    }

    @Test func unsetContainerPropertiesAreLeftOut() throws {
        let properties = try Self.container(DesiredModels.bareContainer)
        #expect(properties.keys == ["Name", "Image", "Essential", "LogConfiguration"])
        #expect(properties["Essential"] == false)
    }

    /// The log driver's options are keyed by the driver's own names: never capitalised, in order.
    @Test func logOptionsKeepTheDriversKeys() throws {
        var container = DesiredModels.bareContainer
        container.logConfiguration = .init(
            driver: "awslogs",
            options: [
                "awslogs-stream-prefix": "web", "awslogs-group": .ref("LogGroup"), "mode": "non-blocking", "awslogs-region": .ref("AWS::Region"),
            ])
        let log = try Self.container(container)["LogConfiguration"]
        #expect(log?["LogDriver"] == "awslogs")
        guard case .map(let options)? = log?["Options"] else { throw DeployError("no options in \(String(describing: log))") }
        #expect(options.keys == ["awslogs-group", "awslogs-region", "awslogs-stream-prefix", "mode"])
        #expect(options["awslogs-group"] == .ref("LogGroup"))
        #expect(options["awslogs-region"] == .ref("AWS::Region"))
        #expect(options["mode"] == "non-blocking")
    }

    /// Ids only the stack knows are intrinsics, not text to parse: an image parameter is a Ref,
    /// an ARN built from the region and account a Sub that names the partition too.
    @Test func stackValuesAreIntrinsics() throws {
        let properties = try Self.container(DesiredModels.fullContainer(image: .ref("ImageWeb"), secret: DesiredModels.parameterArn))
        #expect(properties["Image"] == .ref("ImageWeb"))
        #expect(
            properties["Secrets"] == [
                ["Name": "BERTH_FILE_0", "ValueFrom": .sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${ConfigWeb0}")]
            ])
        let keyed = try Self.container(DesiredModels.fullContainer(secret: StackString.ref("SecretKeysArn").appending(":public::")))
        #expect(keyed["Secrets"] == [["Name": "BERTH_FILE_0", "ValueFrom": .sub("${SecretKeysArn}:public::")]])
        // Known text inside a Sub keeps its `${` as `${!`.
        let external = try Self.container(
            DesiredModels.fullContainer(secret: .joined(["arn:", .ref("AWS::Partition"), ":secretsmanager:x:1:secret:old/${weird}"])))
        #expect(
            external["Secrets"] == [["Name": "BERTH_FILE_0", "ValueFrom": .sub("arn:${AWS::Partition}:secretsmanager:x:1:secret:old/${!weird}")]])
    }

    @Test func theTaskDefinitionsPropertiesInTheTemplatesOrder() {
        let properties = DesiredModels.taskDefinition(taskRole: .getAtt("TaskRoleWeb", "Arn"), executionRole: .getAtt("TaskExecutionRole", "Arn"))
            .cloudFormationProperties
        #expect(
            properties.keys == [
                "Family", "ContainerDefinitions", "Cpu", "ExecutionRoleArn", "Memory", "NetworkMode", "RequiresCompatibilities", "RuntimePlatform",
                "Tags", "TaskRoleArn", "Volumes",
            ])
        #expect(properties["Family"] == "shop-dev-web")
        #expect(properties["Cpu"] == "256")
        #expect(properties["Memory"] == "512")
        #expect(properties["ExecutionRoleArn"] == .getAtt("TaskExecutionRole", "Arn"))
        #expect(properties["TaskRoleArn"] == .getAtt("TaskRoleWeb", "Arn"))
        #expect(properties["NetworkMode"] == "awsvpc")
        #expect(properties["RequiresCompatibilities"] == ["FARGATE"])
        #expect(properties["RuntimePlatform"] == ["CpuArchitecture": "ARM64", "OperatingSystemFamily": "LINUX"])
        #expect(properties["Tags"] == [["Key": "berth:project", "Value": "shop"], ["Key": "berth:service", "Value": "web"]])
    }

    /// CloudFormation's own spellings, which are not the API's with a capital letter.
    @Test func anEFSVolumeUsesCloudFormationsSpellings() {
        let properties = DesiredModels.taskDefinition(
            volumes: [
                DesiredVolume(name: "vol-data", efs: .init(fileSystemId: .ref("FileSystemData"), accessPointId: .ref("AccessPointWebData"))),
                DesiredVolume(name: "vol-shared", efs: .init(fileSystemId: "fs-0123456789abcdef0", accessPointId: .ref("AccessPointWebShared"))),
                DesiredVolume(name: "scratch-2"),
            ]
        ).cloudFormationProperties
        #expect(
            properties["Volumes"] == [
                [
                    "Name": "vol-data",
                    "EFSVolumeConfiguration": [
                        "AuthorizationConfig": ["AccessPointId": .ref("AccessPointWebData"), "IAM": "ENABLED"],
                        "FilesystemId": .ref("FileSystemData"), "TransitEncryption": "ENABLED",
                    ],
                ],
                [
                    "Name": "vol-shared",
                    "EFSVolumeConfiguration": [
                        "AuthorizationConfig": ["AccessPointId": .ref("AccessPointWebShared"), "IAM": "ENABLED"],
                        "FilesystemId": "fs-0123456789abcdef0", "TransitEncryption": "ENABLED",
                    ],
                ],
                ["Name": "scratch-2"],
            ])
    }

    @Test func unsetTaskPropertiesAreLeftOutButVolumesAreAlwaysWritten() {
        let properties = DesiredModels.taskDefinition(taskRole: nil, volumes: [], cpuArchitecture: nil).cloudFormationProperties
        #expect(properties["TaskRoleArn"] == nil)
        #expect(properties["RuntimePlatform"] == nil)
        #expect(properties["Volumes"] == [])
    }

    @Test func everyServicePropertyInTheTemplatesOrder() {
        let properties = DesiredModels.service(
            cluster: .ref("Cluster"), taskDefinition: .ref("TaskDefinitionWeb"), subnets: [.ref("PrivateSubnetA"), .ref("PrivateSubnetB")],
            targetGroup: .ref("TargetGroupWeb80")
        ).cloudFormationProperties
        #expect(
            properties.keys == [
                "ServiceName", "Cluster", "DeploymentConfiguration", "DesiredCount", "EnableExecuteCommand", "HealthCheckGracePeriodSeconds",
                "LaunchType", "LoadBalancers", "NetworkConfiguration", "PropagateTags", "ServiceConnectConfiguration", "Tags", "TaskDefinition",
            ])
        #expect(properties["ServiceName"] == "web")
        #expect(properties["Cluster"] == .ref("Cluster"))
        #expect(
            properties["DeploymentConfiguration"] == [
                "DeploymentCircuitBreaker": ["Enable": true, "Rollback": true], "MaximumPercent": 150, "MinimumHealthyPercent": 50,
            ])
        #expect(properties["DesiredCount"] == 2)
        #expect(properties["EnableExecuteCommand"] == true)
        #expect(properties["HealthCheckGracePeriodSeconds"] == 60)
        #expect(properties["LaunchType"] == "FARGATE")
        #expect(properties["LoadBalancers"] == [["ContainerName": "web", "ContainerPort": 80, "TargetGroupArn": .ref("TargetGroupWeb80")]])
        #expect(
            properties["NetworkConfiguration"] == [
                "AwsvpcConfiguration": [
                    "AssignPublicIp": "DISABLED", "SecurityGroups": ["sg-1"], "Subnets": [.ref("PrivateSubnetA"), .ref("PrivateSubnetB")],
                ]
            ])
        #expect(properties["PropagateTags"] == "SERVICE")
        #expect(
            properties["ServiceConnectConfiguration"] == [
                "Enabled": true, "Namespace": "shop-dev.berth.internal",
                "Services": [["ClientAliases": [["DnsName": "web", "Port": 80]], "DiscoveryName": "web-80", "PortName": "web-80-tcp"]],
            ])
        #expect(properties["Tags"] == [["Key": "berth:service", "Value": "web"]])
        #expect(properties["TaskDefinition"] == .ref("TaskDefinitionWeb"))
    }

    /// The subnets of an existing VPC are entries of a list parameter.
    @Test func subnetsOfAnExistingVPCAreSelected() {
        let properties = DesiredModels.service(subnets: [.selected(0, fromList: "Subnets"), .selected(1, fromList: "Subnets")])
            .cloudFormationProperties
        #expect(properties["NetworkConfiguration"]?["AwsvpcConfiguration"]?["Subnets"] == [.select(0, .ref("Subnets")), .select(1, .ref("Subnets"))])
    }

    @Test func unsetServicePropertiesAreLeftOut() {
        var service = DesiredModels.bareService
        #expect(service.cloudFormationProperties["LoadBalancers"] == nil)
        #expect(service.cloudFormationProperties["HealthCheckGracePeriodSeconds"] == nil)
        #expect(service.cloudFormationProperties["ServiceConnectConfiguration"] == nil)
        service.serviceConnect = .init(namespace: "ns", services: [])
        #expect(service.cloudFormationProperties["ServiceConnectConfiguration"] == ["Enabled": true, "Namespace": "ns"])
    }

    /// The single template's ARNs name the partition, the region and the account.
    @Test func anARNOfTheTemplatesTarget() {
        let ids = TargetIds(
            partition: .ref("AWS::Partition"), region: .ref("AWS::Region"), accountId: .ref("AWS::AccountId"), cluster: .ref("Cluster"),
            subnets: [], assignPublicIp: "ENABLED", servicesSecurityGroup: .ref("ServicesSecurityGroup"), logGroup: .ref("LogGroup"),
            executionRoleArn: .getAtt("TaskExecutionRole", "Arn"), namespace: nil)
        #expect(
            ids.arn("ssm", .joined(["parameter", .ref("ConfigWeb0")])).template
                == .sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${ConfigWeb0}"))
    }

    /// The mount policy's keys are sorted, as the API mode's JSON text has them, and its ARNs
    /// name the partition, the region, the account and the template's resources.
    @Test func theMountPolicyDocument() {
        func arn(_ kind: String, _ id: String) -> StackString {
            .joined([
                "arn:", .ref("AWS::Partition"), ":elasticfilesystem:", .ref("AWS::Region"), ":", .ref("AWS::AccountId"), .literal(":\(kind)/"),
                .ref(id),
            ])
        }
        let policy = MountPolicy(fileSystemArns: [arn("file-system", "FileSystemData")], accessPointArns: [arn("access-point", "AccessPointWebData")])
        #expect(
            policy.cloudFormationDocument == [
                "Statement": [
                    [
                        "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                        "Condition": [
                            "StringEquals": [
                                "elasticfilesystem:AccessPointArn": [
                                    .sub(
                                        "arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:access-point/${AccessPointWebData}")
                                ]
                            ]
                        ],
                        "Effect": "Allow",
                        "Resource": [.sub("arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/${FileSystemData}")],
                        "Sid": "MountOwnAccessPoints",
                    ]
                ],
                "Version": "2012-10-17",
            ])
        // The API mode sends only known ARNs.
        #expect(throws: DeployError.self) { try policy.document() }
    }
}
