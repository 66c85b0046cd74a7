import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import SigV4
import Testing

/// ECS requests as the wire sees them: target, member names and nesting from the ECS model.
struct ECSRequestTests {
    static let taskDefinitionAnswer = #"""
        {"taskDefinition":{"taskDefinitionArn":"arn:aws:ecs:us-east-1:123456789012:task-definition/site-web:3","family":"site-web",
        "revision":3,"status":"ACTIVE","cpu":"256","memory":"512","networkMode":"awsvpc","requiresCompatibilities":["FARGATE"],
        "containerDefinitions":[{"name":"web","image":"nginx","essential":true,"portMappings":[{"containerPort":80,"protocol":"tcp","name":"http"}]}],
        "registeredAt":1700000000.5},"tags":[{"key":"berth:project","value":"site"}]}
        """#

    @Test func registerTaskDefinitionSendsTheFullFargateShape() async throws {
        let transport = Shape.answering(Self.taskDefinitionAnswer)
        let ecs = ECSClient(AWSClient.forTesting(transport: transport))
        let spec = ECSClient.TaskDefinitionSpec(
            family: "site-web", taskRoleArn: "arn:role/task", executionRoleArn: "arn:role/exec", cpu: "256", memory: "512",
            containerDefinitions: [
                .init(
                    name: "web", image: "nginx@sha256:abc", essential: true, command: ["nginx", "-g", "daemon off;"],
                    entryPoint: ["/docker-entrypoint.sh"],
                    environment: [.init(name: "MODE", value: "prod")],
                    secrets: [.init(name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db")],
                    portMappings: [.init(containerPort: 80, protocol: "tcp", name: "http", appProtocol: "http")],
                    mountPoints: [
                        .init(sourceVolume: "uploads", containerPath: "/data"),
                        .init(sourceVolume: "config", containerPath: "/etc/nginx/conf.d", readOnly: true),
                    ],
                    dependsOn: [.init(containerName: "init", condition: "SUCCESS")],
                    healthCheck: .init(
                        command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], interval: 30, timeout: 5, retries: 3, startPeriod: 10),
                    logConfiguration: .init(
                        logDriver: "awslogs",
                        options: ["awslogs-group": "/berth/site", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"]),
                    user: "101:101", workingDirectory: "/srv", ulimits: [.init(name: "nofile", softLimit: 1024, hardLimit: 4096)], stopTimeout: 20,
                    readonlyRootFilesystem: false, linuxParameters: .init(initProcessEnabled: true), memoryReservation: 128),
                .init(name: "init", image: "busybox", essential: false, volumesFrom: nil),
            ],
            volumes: [
                .init(name: "uploads", efsVolumeConfiguration: .init(fileSystemId: "fs-1", authorizationConfig: .init(accessPointId: "fsap-1"))),
                .init(name: "config"),
            ],
            tags: [.init(key: "berth:project", value: "site")])
        let registered = try await ecs.registerTaskDefinition(spec)
        #expect(registered.revision == 3)
        #expect(registered.containerDefinitions?.first?.portMappings?.first?.name == "http")
        let request = try #require(transport.requests.first)
        #expect(request.target == "AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition")
        #expect(request.signingService == "ecs")
        let expected = try Shape.json(
            #"""
            {"family":"site-web","taskRoleArn":"arn:role/task","executionRoleArn":"arn:role/exec","networkMode":"awsvpc",
             "requiresCompatibilities":["FARGATE"],"cpu":"256","memory":"512",
             "containerDefinitions":[
              {"name":"web","image":"nginx@sha256:abc","essential":true,"command":["nginx","-g","daemon off;"],"entryPoint":["/docker-entrypoint.sh"],
               "environment":[{"name":"MODE","value":"prod"}],
               "secrets":[{"name":"DB_PASSWORD","valueFrom":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db"}],
               "portMappings":[{"containerPort":80,"protocol":"tcp","name":"http","appProtocol":"http"}],
               "mountPoints":[{"sourceVolume":"uploads","containerPath":"/data"},{"sourceVolume":"config","containerPath":"/etc/nginx/conf.d","readOnly":true}],
               "dependsOn":[{"containerName":"init","condition":"SUCCESS"}],
               "healthCheck":{"command":["CMD-SHELL","curl -f http://localhost/ || exit 1"],"interval":30,"timeout":5,"retries":3,"startPeriod":10},
               "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/berth/site","awslogs-region":"us-east-1","awslogs-stream-prefix":"web"}},
               "user":"101:101","workingDirectory":"/srv","ulimits":[{"name":"nofile","softLimit":1024,"hardLimit":4096}],"stopTimeout":20,
               "readonlyRootFilesystem":false,"linuxParameters":{"initProcessEnabled":true},"memoryReservation":128},
              {"name":"init","image":"busybox","essential":false}],
             "volumes":[
              {"name":"uploads","efsVolumeConfiguration":{"fileSystemId":"fs-1","transitEncryption":"ENABLED",
                "authorizationConfig":{"accessPointId":"fsap-1","iam":"ENABLED"}}},
              {"name":"config"}],
             "tags":[{"key":"berth:project","value":"site"}]}
            """#)
        #expect(try Shape.body(request) == expected)
    }

    @Test func describeTaskDefinitionAsksForTagsAndReadsThem() async throws {
        let transport = Shape.answering(Self.taskDefinitionAnswer)
        let described = try await ECSClient(AWSClient.forTesting(transport: transport)).describeTaskDefinition("site-web")
        #expect(described.tags == [.init(key: "berth:project", value: "site")])
        #expect(described.taskDefinition.registeredAt == Date(timeIntervalSince1970: 1_700_000_000.5))
        #expect(try Shape.body(try #require(transport.requests.first)) == Shape.json(#"{"taskDefinition":"site-web","include":["TAGS"]}"#))
    }

    @Test func listTaskDefinitionsFollowsNextToken() async throws {
        let transport = FakeTransport { _, index in
            FakeTransport.json(200, index == 0 ? #"{"taskDefinitionArns":["a:1"],"nextToken":"t1"}"# : #"{"taskDefinitionArns":["a:2"]}"#)
        }
        let ecs = ECSClient(AWSClient.forTesting(transport: transport))
        #expect(try await ecs.listTaskDefinitions(familyPrefix: "site-", status: .active).collect { $0 } == ["a:1", "a:2"])
        #expect(try Shape.body(transport.requests[0]) == Shape.json(#"{"familyPrefix":"site-","status":"ACTIVE"}"#))
        #expect(try Shape.body(transport.requests[1]) == Shape.json(#"{"familyPrefix":"site-","status":"ACTIVE","nextToken":"t1"}"#))
    }

    @Test func deregisterAndDeleteTaskDefinitions() async throws {
        let transport = FakeTransport { request, _ in
            if request.header("X-Amz-Target")?.hasSuffix("DeleteTaskDefinitions") == true {
                return FakeTransport.json(200, #"{"taskDefinitions":[],"failures":[{"arn":"a:1","reason":"TASK_DEFINITION_NOT_INACTIVE"}]}"#)
            }
            return FakeTransport.json(200, Self.taskDefinitionAnswer)
        }
        let ecs = ECSClient(AWSClient.forTesting(transport: transport))
        _ = try await ecs.deregisterTaskDefinition("site-web:3")
        let deleted = try await ecs.deleteTaskDefinitions(["a:1"])
        #expect(deleted.failures?.first?.reason == "TASK_DEFINITION_NOT_INACTIVE")
        #expect(try Shape.body(transport.requests[0]) == Shape.json(#"{"taskDefinition":"site-web:3"}"#))
        #expect(try Shape.body(transport.requests[1]) == Shape.json(#"{"taskDefinitions":["a:1"]}"#))
    }

    static let serviceAnswer = #"""
        {"service":{"serviceName":"web","status":"ACTIVE","desiredCount":2,"runningCount":0,"taskDefinition":"td:3",
         "deployments":[{"id":"ecs-svc/1234567890123456789","status":"PRIMARY","rolloutState":"IN_PROGRESS",
           "rolloutStateReason":"ECS deployment ecs-svc/1234567890123456789 in progress.","runningCount":0,"desiredCount":2,"taskDefinition":"td:3"}],
         "events":[{"id":"e1","createdAt":1700000000,"message":"(service web) has started 2 tasks."}]}}
        """#

    @Test func createServiceSendsNetworkDeploymentAndServiceConnect() async throws {
        let transport = Shape.answering(Self.serviceAnswer)
        let ecs = ECSClient(AWSClient.forTesting(transport: transport))
        let service = try await ecs.createService(
            .init(
                cluster: "site-dev", serviceName: "web", taskDefinition: "td:3", desiredCount: 2,
                networkConfiguration: .init(awsvpcConfiguration: .init(subnets: ["subnet-1", "subnet-2"], securityGroups: ["sg-1"])),
                loadBalancers: [.init(targetGroupArn: "arn:tg", containerName: "web", containerPort: 80)],
                deploymentConfiguration: .init(
                    deploymentCircuitBreaker: .init(enable: true, rollback: true), minimumHealthyPercent: 100, maximumPercent: 200),
                healthCheckGracePeriodSeconds: 60,
                serviceConnectConfiguration: .init(
                    enabled: true, namespace: "site.local",
                    services: [.init(portName: "http", discoveryName: "web", clientAliases: [.init(port: 80, dnsName: "web")])]),
                enableExecuteCommand: true, tags: [.init(key: "berth:service", value: "web")], clientToken: "berth-site-web-1"))
        #expect(service.deployments?.first?.rolloutState == .inProgress)
        #expect(service.events?.first?.createdAt == Date(timeIntervalSince1970: 1_700_000_000))
        let request = try #require(transport.requests.first)
        #expect(request.target == "AmazonEC2ContainerServiceV20141113.CreateService")
        #expect(
            try Shape.body(request)
                == Shape.json(
                    #"""
                    {"cluster":"site-dev","serviceName":"web","taskDefinition":"td:3","desiredCount":2,"launchType":"FARGATE",
                     "networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-1","subnet-2"],"securityGroups":["sg-1"],"assignPublicIp":"DISABLED"}},
                     "loadBalancers":[{"targetGroupArn":"arn:tg","containerName":"web","containerPort":80}],
                     "deploymentConfiguration":{"deploymentCircuitBreaker":{"enable":true,"rollback":true},"minimumHealthyPercent":100,"maximumPercent":200},
                     "healthCheckGracePeriodSeconds":60,
                     "serviceConnectConfiguration":{"enabled":true,"namespace":"site.local",
                       "services":[{"portName":"http","discoveryName":"web","clientAliases":[{"port":80,"dnsName":"web"}]}]},
                     "enableExecuteCommand":true,"propagateTags":"SERVICE","tags":[{"key":"berth:service","value":"web"}],"clientToken":"berth-site-web-1"}
                    """#))
    }

    @Test func updateServiceSendsOnlyWhatChanges() async throws {
        let transport = Shape.answering(Self.serviceAnswer)
        _ = try await ECSClient(AWSClient.forTesting(transport: transport)).updateService(
            .init(cluster: "site-dev", service: "web", taskDefinition: "td:4", forceNewDeployment: true))
        #expect(
            try Shape.body(try #require(transport.requests.first))
                == Shape.json(
                    #"{"cluster":"site-dev","service":"web","taskDefinition":"td:4","forceNewDeployment":true}"#))
    }

    @Test func describeServicesReturnsServicesAndMissingFailures() async throws {
        let transport = Shape.answering(
            #"""
            {"services":[{"serviceName":"web","status":"ACTIVE","tags":[{"key":"k","value":"v"}]}],
             "failures":[{"arn":"arn:aws:ecs:us-east-1:123456789012:service/site-dev/api","reason":"MISSING"}]}
            """#)
        let output = try await ECSClient(AWSClient.forTesting(transport: transport)).describeServices(cluster: "site-dev", services: ["web", "api"])
        #expect(output.services?.map(\.serviceName) == ["web"])
        #expect(output.failures?.map(\.reason) == ["MISSING"])
        #expect(
            try Shape.body(try #require(transport.requests.first))
                == Shape.json(
                    #"{"cluster":"site-dev","services":["web","api"],"include":["TAGS"]}"#))
    }

    @Test func deleteListAndTaskCalls() async throws {
        let transport = FakeTransport { request, _ in
            switch request.header("X-Amz-Target")?.split(separator: ".").last {
            case "DeleteService": FakeTransport.json(200, Self.serviceAnswer)
            case "ListServices": FakeTransport.json(200, #"{"serviceArns":["arn:s/web"]}"#)
            case "ListTasks": FakeTransport.json(200, #"{"taskArns":["arn:t/1"]}"#)
            default:
                FakeTransport.json(
                    200,
                    #"""
                    {"tasks":[{"taskArn":"arn:t/1","lastStatus":"STOPPED","stoppedReason":"Essential container in task exited",
                     "stopCode":"EssentialContainerExited","group":"service:web","startedBy":"ecs-svc/1","taskDefinitionArn":"td:3",
                     "containers":[{"name":"web","exitCode":1,"reason":"boom"}]}],"failures":[]}
                    """#)
            }
        }
        let ecs = ECSClient(AWSClient.forTesting(transport: transport))
        _ = try await ecs.deleteService(cluster: "c", service: "web", force: true)
        #expect(try await ecs.listServices(cluster: "c").collect { $0 } == ["arn:s/web"])
        #expect(try await ecs.listTasks(cluster: "c", serviceName: "web", desiredStatus: .stopped).collect { $0 } == ["arn:t/1"])
        let task = try #require(try await ecs.describeTasks(cluster: "c", tasks: ["arn:t/1"]).tasks?.first)
        #expect(task.stopCode == "EssentialContainerExited")
        #expect(task.containers?.first?.exitCode == 1)
        let bodies = try transport.requests.map(Shape.body)
        #expect(bodies[0] == (try Shape.json(#"{"cluster":"c","service":"web","force":true}"#)))
        #expect(bodies[1] == (try Shape.json(#"{"cluster":"c"}"#)))
        #expect(bodies[2] == (try Shape.json(#"{"cluster":"c","serviceName":"web","desiredStatus":"STOPPED"}"#)))
        #expect(bodies[3] == (try Shape.json(#"{"cluster":"c","tasks":["arn:t/1"]}"#)))
    }

    @Test func clusterAndTagCalls() async throws {
        let transport = FakeTransport { request, _ in
            switch request.header("X-Amz-Target")?.split(separator: ".").last {
            case "ListTagsForResource": FakeTransport.json(200, #"{"tags":[{"key":"a","value":"b"}]}"#)
            case "DescribeClusters": FakeTransport.json(200, #"{"clusters":[],"failures":[{"arn":"x","reason":"MISSING"}]}"#)
            case "TagResource", "UntagResource": FakeTransport.json(200, "{}")
            default: FakeTransport.json(200, #"{"cluster":{"clusterName":"c","status":"ACTIVE"}}"#)
            }
        }
        let ecs = ECSClient(AWSClient.forTesting(transport: transport))
        #expect(try await ecs.createCluster(name: "c", tags: [.init(key: "a", value: "b")]).status == "ACTIVE")
        #expect(try await ecs.describeClusters(["x"]).failures?.first?.reason == "MISSING")
        try await ecs.tagResource(arn: "arn:s", tags: [.init(key: "a", value: "b")])
        try await ecs.untagResource(arn: "arn:s", keys: ["a"])
        #expect(try await ecs.listTagsForResource(arn: "arn:s") == [.init(key: "a", value: "b")])
        _ = try await ecs.deleteCluster("c")
        let bodies = try transport.requests.map(Shape.body)
        #expect(bodies[0] == (try Shape.json(#"{"clusterName":"c","tags":[{"key":"a","value":"b"}]}"#)))
        #expect(bodies[1] == (try Shape.json(#"{"clusters":["x"]}"#)))
        #expect(bodies[2] == (try Shape.json(#"{"resourceArn":"arn:s","tags":[{"key":"a","value":"b"}]}"#)))
        #expect(bodies[3] == (try Shape.json(#"{"resourceArn":"arn:s","tagKeys":["a"]}"#)))
        #expect(bodies[4] == (try Shape.json(#"{"resourceArn":"arn:s"}"#)))
        #expect(bodies[5] == (try Shape.json(#"{"cluster":"c"}"#)))
    }

    @Test func namedErrorChecks() {
        func error(_ code: String, _ message: String = "") -> AWSServiceError {
            AWSServiceError(code: code, message: message, httpStatus: 400, requestId: nil, service: "ECS", operation: "X")
        }
        #expect(error("ClusterNotFoundException").isClusterNotFound)
        #expect(error("ServiceNotFoundException").isServiceNotFound)
        #expect(error("ServiceNotActiveException").isServiceNotActive)
        #expect(error("ClientException", "Unable to describe task definition.").isTaskDefinitionNotFound)
        #expect(!error("ClientException", "Something else").isTaskDefinitionNotFound)
        #expect(error("ResourceNotFoundException").isResourceNotFound)
    }

    struct CreateServiceAnswer: Sendable, CustomTestStringConvertible {
        var name: String
        var code: String
        var message: String
        var notIdempotent: Bool
        var testDescription: String { name }
    }

    /// CreateService's refusal of a name in use has no code of its own; the code and AWS's wording
    /// (which the emulator repeats) make it, and neither alone does.
    static let createServiceAnswers: [CreateServiceAnswer] = [
        .init(name: "AWS's answer", code: "InvalidParameterException", message: "Creation of service was not idempotent.", notIdempotent: true),
        .init(
            name: "with the service name after it", code: "InvalidParameterException", message: #"Creation of service was not idempotent. "web""#,
            notIdempotent: true),
        .init(
            name: "another invalid parameter", code: "InvalidParameterException",
            message: "The target group does not have an associated load balancer.", notIdempotent: false),
        .init(
            name: "the wording under another code", code: "ClientException", message: "Creation of service was not idempotent.", notIdempotent: false),
    ]

    @Test(arguments: createServiceAnswers)
    func serviceCreationNotIdempotentIsTheCodeWithAWSsWording(_ answer: CreateServiceAnswer) {
        let error = AWSServiceError(
            code: answer.code, message: answer.message, httpStatus: 400, requestId: nil, service: "ECS", operation: "CreateService")
        #expect(error.isServiceCreationNotIdempotent == answer.notIdempotent)
    }
}
