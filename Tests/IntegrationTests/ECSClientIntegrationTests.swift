import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// Task definitions, services and tasks through the gate, in the default VPC.
    @Suite struct ECSClientRoundTrip {
        static func defaultNetwork(_ client: AWSClient) async throws -> (subnets: [String], securityGroup: String) {
            let ec2 = EC2Client(client)
            let vpc = try #require(try await ec2.describeVpcs(filters: [.init(name: "is-default", values: ["true"])]).collect { $0 }.first)
            let subnets = try await ec2.describeSubnets(filters: [.init(name: "vpc-id", values: [vpc.vpcId])])
            let groups = try await ec2.describeSecurityGroups(
                filters: [.init(name: "vpc-id", values: [vpc.vpcId]), .init(name: "group-name", values: ["default"])])
            #expect(subnets.allSatisfy { $0.vpcId == vpc.vpcId })
            return (Array(subnets.map(\.subnetId).sorted().prefix(2)), try #require(groups.first).groupId)
        }

        static func spec(family: String, image: String) -> ECSClient.TaskDefinitionSpec {
            .init(
                family: family, taskRoleArn: "arn:aws:iam::123456789012:role/berth-it-task",
                executionRoleArn: "arn:aws:iam::123456789012:role/berth-it-exec", cpu: "256", memory: "512",
                containerDefinitions: [
                    .init(
                        name: "web", image: image, essential: true, command: ["nginx", "-g", "daemon off;"],
                        environment: [.init(name: "MODE", value: "it")],
                        secrets: [.init(name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:berth-it")],
                        portMappings: [.init(containerPort: 80, protocol: "tcp", name: "http", appProtocol: "http")],
                        mountPoints: [
                            .init(sourceVolume: "uploads", containerPath: "/data"),
                            .init(sourceVolume: "config", containerPath: "/etc/nginx/conf.d", readOnly: true),
                        ],
                        dependsOn: [.init(containerName: "init", condition: "SUCCESS")],
                        healthCheck: .init(command: ["CMD-SHELL", "true"], interval: 30, timeout: 5, retries: 3, startPeriod: 10),
                        logConfiguration: .init(
                            logDriver: "awslogs",
                            options: ["awslogs-group": "/berth/it", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"]),
                        user: "101", workingDirectory: "/srv", ulimits: [.init(name: "nofile", softLimit: 1024, hardLimit: 4096)], stopTimeout: 20,
                        readonlyRootFilesystem: false, linuxParameters: .init(initProcessEnabled: true), memory: 256),
                    .init(
                        name: "init", image: "busybox", essential: false, command: ["true"],
                        mountPoints: [.init(sourceVolume: "config", containerPath: "/config")], memory: 64),
                ],
                volumes: [
                    .init(
                        name: "uploads",
                        efsVolumeConfiguration: .init(fileSystemId: "fs-12345678", authorizationConfig: .init(accessPointId: "fsap-12345678"))),
                    .init(name: "config"),
                ],
                tags: [.init(key: "berth:project", value: "it")])
        }

        @Test func taskDefinitionsServicesAndTasks() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let client = gate.awsClient()
            let ecs = ECSClient(client)
            let suffix = UInt32.random(in: 0...UInt32.max)
            let (subnets, securityGroup) = try await Self.defaultNetwork(client)
            #expect(!subnets.isEmpty)

            let cluster = try await ecs.createCluster(name: "berth-it-\(suffix)")
            let clusterName = try #require(cluster.clusterName)
            let family = "berth-it-web-\(suffix)"

            // Task definitions
            let first = try await ecs.registerTaskDefinition(Self.spec(family: family, image: "nginx:1"))
            #expect(first.revision == 1)
            let described = try await ecs.describeTaskDefinition(family)
            #expect(described.tags == [.init(key: "berth:project", value: "it")])
            let web = try #require(described.taskDefinition.containerDefinitions?.first { $0.name == "web" })
            #expect(web.secrets == [.init(name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:berth-it")])
            #expect(web.logConfiguration?.options?["awslogs-stream-prefix"] == "web")
            #expect(web.dependsOn == [.init(containerName: "init", condition: "SUCCESS")])
            let uploads = try #require(described.taskDefinition.volumes?.first { $0.name == "uploads" })
            #expect(uploads.efsVolumeConfiguration?.authorizationConfig?.accessPointId == "fsap-12345678")
            #expect(described.taskDefinition.cpu == "256")
            let second = try await ecs.registerTaskDefinition(Self.spec(family: family, image: "nginx:2"))
            #expect(try await ecs.listTaskDefinitions(familyPrefix: family).collect { $0 } == [first.taskDefinitionArn, second.taskDefinitionArn])

            // Services
            let request = ECSClient.CreateServiceRequest(
                cluster: clusterName, serviceName: "web", taskDefinition: first.taskDefinitionArn, desiredCount: 2,
                networkConfiguration: .init(awsvpcConfiguration: .init(subnets: subnets, securityGroups: [securityGroup])),
                loadBalancers: [
                    .init(
                        targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/berth-it/0123456789abcdef",
                        containerName: "web", containerPort: 80)
                ],
                deploymentConfiguration: .init(
                    deploymentCircuitBreaker: .init(enable: true, rollback: true), minimumHealthyPercent: 100, maximumPercent: 200),
                healthCheckGracePeriodSeconds: 60,
                serviceConnectConfiguration: .init(
                    enabled: true, namespace: "berth-it.local",
                    services: [.init(portName: "http", discoveryName: "web", clientAliases: [.init(port: 80, dnsName: "web")])]),
                enableExecuteCommand: true, tags: [.init(key: "berth:service", value: "web")], clientToken: "berth-it-\(suffix)")
            let created = try await ecs.createService(request)
            #expect(created.status == .active)
            #expect(created.deployments?.first?.status == .primary)
            var service = created
            for _ in 0..<5 where service.deployments?.first?.rolloutState != .completed {
                service = try #require(try await ecs.describeServices(cluster: clusterName, services: ["web"]).services?.first)
            }
            #expect(service.deployments?.count == 1)
            #expect(service.deployments?.first?.rolloutState == .completed)
            #expect(service.runningCount == 2)
            #expect(service.events?.first?.message?.contains("steady state") == true)
            #expect(service.tags == [.init(key: "berth:service", value: "web")])
            #expect(service.networkConfiguration?.awsvpcConfiguration?.securityGroups == [securityGroup])
            #expect(service.deploymentConfiguration?.deploymentCircuitBreaker == .init(enable: true, rollback: true))
            #expect(service.loadBalancers?.first?.containerPort == 80)
            // moto 5.2 does not store healthCheckGracePeriodSeconds or enableExecuteCommand (the gate accepts them).
            #expect(service.propagateTags == "SERVICE")
            let serviceArn = try #require(service.serviceArn)
            #expect(try await ecs.listServices(cluster: clusterName).collect { $0 } == [serviceArn])
            #expect(try await ecs.listTagsForResource(arn: serviceArn) == [.init(key: "berth:service", value: "web")])
            try await ecs.tagResource(arn: serviceArn, tags: [.init(key: "berth:revision", value: "1")])
            try await ecs.untagResource(arn: serviceArn, keys: ["berth:revision"])

            // Tasks
            let taskArns = try await ecs.listTasks(cluster: clusterName, serviceName: "web").collect { $0 }
            #expect(taskArns.count == 2)
            let tasks = try await ecs.describeTasks(cluster: clusterName, tasks: taskArns).tasks ?? []
            #expect(tasks.allSatisfy { $0.group == "service:web" && $0.taskDefinitionArn == first.taskDefinitionArn })

            // Update to the second revision: a new PRIMARY deployment that completes.
            let updated = try await ecs.updateService(
                .init(cluster: clusterName, service: "web", taskDefinition: second.taskDefinitionArn, forceNewDeployment: true))
            #expect(updated.deployments?.first?.taskDefinition == second.taskDefinitionArn)
            #expect(updated.deployments?.first?.rolloutState == .inProgress)

            let missing = try await ecs.describeServices(cluster: clusterName, services: ["web", "no-such-service"])
            #expect(missing.services?.count == 1)
            #expect(missing.failures?.map(\.reason) == ["MISSING"])

            // Errors the engine branches on.
            do {
                _ = try await ecs.describeServices(cluster: "berth-no-such-cluster-\(suffix)", services: ["web"])
                Issue.record("an unknown cluster should be an error")
            } catch let error as AWSServiceError {
                #expect(error.isClusterNotFound)
            }
            do {
                _ = try await ecs.updateService(.init(cluster: clusterName, service: "no-such-service", desiredCount: 1))
                Issue.record("an unknown service should be an error")
            } catch let error as AWSServiceError {
                #expect(error.isServiceNotFound)
            }
            do {
                _ = try await ecs.describeTaskDefinition("berth-no-such-family-\(suffix)")
                Issue.record("an unknown task definition should be an error")
            } catch let error as AWSServiceError {
                #expect(error.isTaskDefinitionNotFound)
            }

            // Teardown
            _ = try await ecs.updateService(.init(cluster: clusterName, service: "web", desiredCount: 0))
            let deleted = try await ecs.deleteService(cluster: clusterName, service: "web", force: true)
            #expect([.draining, .inactive].contains(deleted.status))
            for arn in [first.taskDefinitionArn, second.taskDefinitionArn] {
                #expect(try await ecs.deregisterTaskDefinition(arn).status == .inactive)
            }
            #expect(try await ecs.listTaskDefinitions(familyPrefix: family, status: .inactive).collect { $0 }.count == 2)
            let removal = try await ecs.deleteTaskDefinitions([first.taskDefinitionArn, second.taskDefinitionArn])
            #expect((removal.failures ?? []).isEmpty)
            _ = try await ecs.deleteCluster(clusterName)
            try gate.client.expectNoRejections()
        }
    }
}
