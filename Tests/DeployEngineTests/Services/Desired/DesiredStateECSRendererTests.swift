import AWSServices
import DeployEngine
import StackTemplates
import Testing

/// The API mode's renderer, field by field: what the desired state becomes in
/// RegisterTaskDefinition and CreateService. These requests are also what `berth:hash` is
/// computed over, so an unset field must stay out of them.
struct DesiredStateECSRendererTests {
    @Test func everyContainerFieldReachesItsAPIField() throws {
        let definition = try DesiredModels.fullContainer().ecsRequestForTest()
        var expected = ContainerDefinition(
            name: "web", image: "nginx:1.27", essential: true, command: ["nginx", "-g", "daemon off;"], entryPoint: ["/entry.sh"],
            environment: [.init(name: "A", value: "costs ${HOME}"), .init(name: "B", value: "2")],
            secrets: [.init(name: "BERTH_FILE_0", valueFrom: "arn:aws:ssm:eu-west-1:1:parameter/p")],
            portMappings: [.init(containerPort: 80, protocol: "tcp", name: "web-80-tcp")],
            mountPoints: [.init(sourceVolume: "vol-data", containerPath: "/data", readOnly: true)],
            dependsOn: [.init(containerName: "berth-files", condition: "SUCCESS")],
            healthCheck: .init(command: ["CMD", "true"], interval: 30, timeout: 5, retries: 3, startPeriod: 10),
            logConfiguration: .init(
                logDriver: "awslogs",
                options: ["awslogs-group": "/berth/shop/dev", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web"]),
            user: "101", workingDirectory: "/srv", ulimits: [.init(name: "nofile", softLimit: 1024, hardLimit: 2048)], stopTimeout: 120,
            readonlyRootFilesystem: true, linuxParameters: .init(initProcessEnabled: true))
        expected.repositoryCredentials = .init(credentialsParameter: "arn:aws:secretsmanager:eu-west-1:1:secret:creds")
        #expect(definition == expected)
    }

    /// Empty lists and `false` flags are left out, not sent as `[]` or `false`: the hash of a
    /// definition that does not set them must not change.
    @Test func unsetContainerFieldsAreLeftOut() throws {
        let definition = try DesiredModels.bareContainer.ecsRequestForTest()
        #expect(
            definition
                == ContainerDefinition(
                    name: "worker", image: "worker:1", essential: false,
                    logConfiguration: .init(
                        logDriver: "awslogs",
                        options: ["awslogs-group": "/berth/shop/dev", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web"])))
    }

    @Test func theTaskDefinitionIsFargateWithItsSizeAsText() throws {
        let spec = try DesiredModels.taskDefinition().ecsRequest()
        #expect(spec.family == "shop-dev-web")
        #expect(spec.taskRoleArn == "arn:aws:iam::1:role/web")
        #expect(spec.executionRoleArn == "arn:aws:iam::1:role/exec")
        #expect(spec.networkMode == "awsvpc")
        #expect(spec.requiresCompatibilities == ["FARGATE"])
        #expect(spec.cpu == "256" && spec.memory == "512")
        #expect(spec.runtimePlatform == .init(cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX"))
        #expect(spec.tags == [.init(key: "berth:project", value: "shop"), .init(key: "berth:service", value: "web")])
        #expect(spec.containerDefinitions.map(\.name) == ["web"])
    }

    /// EFS volumes are always mounted encrypted and with IAM authorization, through the access point.
    @Test func anEFSVolumeIsEncryptedAndAuthorizedThroughItsAccessPoint() throws {
        let spec = try DesiredModels.taskDefinition().ecsRequest()
        #expect(
            spec.volumes == [
                .init(
                    name: "vol-data",
                    efsVolumeConfiguration: .init(
                        fileSystemId: "fs-1", rootDirectory: nil, transitEncryption: "ENABLED",
                        authorizationConfig: .init(accessPointId: "fsap-1", iam: "ENABLED"))),
                .init(name: "scratch-1", efsVolumeConfiguration: nil),
            ])
    }

    @Test func unsetTaskFieldsAreLeftOutButVolumesAreAlwaysSent() throws {
        let spec = try DesiredModels.taskDefinition(taskRole: nil, volumes: [], cpuArchitecture: nil).ecsRequest()
        #expect(spec.taskRoleArn == nil)
        #expect(spec.runtimePlatform == nil)
        #expect(spec.volumes == [])
    }

    /// The API mode's target holds real ids: a reference reaching a request is a bug, not a
    /// request with a template function in it.
    @Test func aValueOnlyAStackKnowsCannotReachARequest() {
        #expect {
            try DesiredModels.taskDefinition(taskRole: .getAtt("TaskRoleWeb", "Arn")).ecsRequest()
        } throws: { error in
            (error as? DeployError)?.message.contains("only known inside a CloudFormation stack") == true
        }
        #expect(throws: DeployError.self) {
            try DesiredModels.taskDefinition(containers: [DesiredModels.fullContainer(image: .ref("ImageWeb"))]).ecsRequest()
        }
        #expect(throws: DeployError.self) { try DesiredModels.service(subnets: [.selected(0, fromList: "Subnets")]).ecsRequest() }
    }

    /// Known text assembled from pieces is sent as one string.
    @Test func joinedKnownTextIsSentAsOneString() throws {
        let arn: StackString = .joined(["arn:", "aws", ":ssm:", "eu-west-1", ":", "1", ":parameter/p"])
        let spec = try DesiredModels.taskDefinition(containers: [DesiredModels.fullContainer(secret: arn.appending(":key::"))]).ecsRequest()
        #expect(spec.containerDefinitions.first?.secrets?.first?.valueFrom == "arn:aws:ssm:eu-west-1:1:parameter/p:key::")
    }

    @Test func everyServiceFieldReachesItsAPIField() throws {
        let spec = try DesiredModels.service().ecsRequest()
        #expect(
            spec
                == ServiceSpec(
                    cluster: "shop-dev", serviceName: "web", taskDefinition: "shop-dev-web:3", desiredCount: 2, launchType: "FARGATE",
                    networkConfiguration: .init(
                        awsvpcConfiguration: .init(subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-1"], assignPublicIp: "DISABLED")),
                    loadBalancers: [
                        .init(targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/web/1", containerName: "web", containerPort: 80)
                    ],
                    deploymentConfiguration: .init(
                        deploymentCircuitBreaker: .init(enable: true, rollback: true), minimumHealthyPercent: 50, maximumPercent: 150),
                    healthCheckGracePeriodSeconds: 60,
                    serviceConnectConfiguration: .init(
                        enabled: true, namespace: "shop-dev.berth.internal",
                        services: [.init(portName: "web-80-tcp", discoveryName: "web-80", clientAliases: [.init(port: 80, dnsName: "web")])]),
                    enableExecuteCommand: true, propagateTags: "SERVICE", tags: [.init(key: "berth:service", value: "web")], clientToken: nil))
    }

    @Test func unsetServiceFieldsAreLeftOut() throws {
        let spec = try DesiredModels.bareService.ecsRequest()
        #expect(spec.loadBalancers == nil)
        #expect(spec.healthCheckGracePeriodSeconds == nil)
        #expect(spec.serviceConnectConfiguration == nil)
        var clientOnly = DesiredModels.bareService
        clientOnly.serviceConnect = .init(namespace: "ns", services: [])
        // A client of the namespace only: Service Connect on, no services of its own.
        #expect(try clientOnly.ecsRequest().serviceConnectConfiguration == .init(enabled: true, namespace: "ns", services: nil))
    }

    /// The API mode's builder gets a deployed stack's ids, all known, and ARNs in the `aws` partition.
    @Test func theAPIModesTargetIsAllKnownText() {
        let ids = TargetIds(ServicesReconcilerTests.target)
        #expect(ids.partition == "aws")
        #expect(ids.cluster == "shop-dev")
        #expect(ids.subnets == ["subnet-a", "subnet-b"])
        #expect(ids.fileSystems == ["content": "fs-1"])
        #expect(ids.taskRoles["web"] == "arn:aws:iam::123456789012:role/web")
        #expect(ids.executionRoleArn.text == "arn:aws:iam::123456789012:role/exec")
        #expect(ids.arn("ssm", "parameter/berth/x").text == "arn:aws:ssm:us-east-1:123456789012:parameter/berth/x")
    }
}

extension DesiredContainer {
    /// The container as RegisterTaskDefinition gets it, through a one-container definition.
    func ecsRequestForTest() throws -> ContainerDefinition {
        try #require(try DesiredModels.taskDefinition(containers: [self]).ecsRequest().containerDefinitions.first)
    }
}
