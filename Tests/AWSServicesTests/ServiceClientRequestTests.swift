import AWSRuntime
import AWSServices
import BerthJSON
import BerthTesting
import Foundation
import SigV4
import Testing

/// Request shapes of the smaller clients: IAM, Secrets Manager, SSM, Application Auto Scaling,
/// CloudWatch Logs, ECR and the EC2 network lookups.
struct ServiceClientRequestTests {
    @Test func iamIsGlobalAndDecodesTheURLEncodedPolicy() async throws {
        let transport = FakeTransport { _, _ in
            FakeTransport.xml(
                200,
                """
                <GetRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRolePolicyResult>\
                <RoleName>site-task</RoleName><PolicyName>berth-secrets</PolicyName>\
                <PolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D</PolicyDocument>\
                </GetRolePolicyResult></GetRolePolicyResponse>
                """)
        }
        let iam = IAMClient(AWSClient.forTesting(transport: transport, endpoint: "https://iam.amazonaws.com", region: "eu-west-1"))
        let policy = try await iam.getRolePolicy(roleName: "site-task", policyName: "berth-secrets")
        #expect(policy.PolicyDocument == #"{"Version":"2012-10-17","Statement":[]}"#)
        let request = try #require(transport.requests.first)
        #expect(request.signingService == "iam")
        #expect(request.signingRegion == "us-east-1")
        #expect(Shape.form(request) == "Action=GetRolePolicy&Version=2010-05-08&PolicyName=berth-secrets&RoleName=site-task")
    }

    @Test func iamPutAndDeleteRolePolicy() async throws {
        let transport = FakeTransport { _, _ in FakeTransport.xml(200, "<R><ResponseMetadata/></R>") }
        let iam = IAMClient(AWSClient.forTesting(transport: transport))
        try await iam.putRolePolicy(roleName: "r", policyName: "p", document: #"{"Version":"2012-10-17"}"#)
        try await iam.deleteRolePolicy(roleName: "r", policyName: "p")
        #expect(
            Shape.form(transport.requests[0])
                == "Action=PutRolePolicy&Version=2010-05-08&PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%7D&PolicyName=p&RoleName=r")
        #expect(Shape.form(transport.requests[1]) == "Action=DeleteRolePolicy&Version=2010-05-08&PolicyName=p&RoleName=r")
    }

    @Test func secretsManagerShapes() async throws {
        let transport = FakeTransport { request, _ in
            switch request.header("X-Amz-Target") {
            case "secretsmanager.ListSecrets": FakeTransport.json(200, #"{"SecretList":[{"Name":"site/db","Tags":[{"Key":"k","Value":"v"}]}]}"#)
            case "secretsmanager.GetSecretValue":
                FakeTransport.json(200, #"{"Name":"site/db","SecretString":"s3cret","VersionStages":["AWSCURRENT"]}"#)
            default: FakeTransport.json(200, #"{"ARN":"arn:secret:site/db","Name":"site/db","VersionId":"v1"}"#)
            }
        }
        let secrets = SecretsManagerClient(AWSClient.forTesting(transport: transport))
        let created = try await secrets.createSecret(
            name: "site/db", secretString: "s3cret", clientRequestToken: String(repeating: "a", count: 32),
            tags: [.init(Key: "berth:project", Value: "site")])
        #expect(created.VersionId == "v1")
        _ = try await secrets.putSecretValue(secretId: "site/db", secretString: "new", clientRequestToken: String(repeating: "b", count: 32))
        _ = try await secrets.describeSecret("site/db")
        #expect(try await secrets.getSecretValue("site/db").SecretString == "s3cret")
        try await secrets.deleteSecret("site/db", forceDeleteWithoutRecovery: true)
        #expect(try await secrets.listSecrets(filters: [.init(key: "name", values: ["site/"])]).collect { $0 }.map(\.Name) == ["site/db"])
        #expect(
            transport.requests.map(\.target) == [
                "secretsmanager.CreateSecret", "secretsmanager.PutSecretValue", "secretsmanager.DescribeSecret", "secretsmanager.GetSecretValue",
                "secretsmanager.DeleteSecret", "secretsmanager.ListSecrets",
            ])
        let bodies = try transport.requests.map(Shape.body)
        #expect(
            bodies[0]
                == (try Shape.json(
                    #"""
                    {"Name":"site/db","SecretString":"s3cret","ClientRequestToken":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","Tags":[{"Key":"berth:project","Value":"site"}]}
                    """#)))
        #expect(
            bodies[1] == (try Shape.json(#"{"SecretId":"site/db","SecretString":"new","ClientRequestToken":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}"#)))
        #expect(bodies[2] == (try Shape.json(#"{"SecretId":"site/db"}"#)))
        #expect(bodies[4] == (try Shape.json(#"{"SecretId":"site/db","ForceDeleteWithoutRecovery":true}"#)))
        #expect(bodies[5] == (try Shape.json(#"{"Filters":[{"Key":"name","Values":["site/"]}]}"#)))
        #expect(transport.requests[0].signingService == "secretsmanager")
    }

    @Test func aGeneratedSecretTokenIsLongEnough() async throws {
        let transport = Shape.answering(#"{"Name":"n"}"#)
        _ = try await SecretsManagerClient(AWSClient.forTesting(transport: transport)).createSecret(name: "n", secretString: "v")
        let request = try #require(transport.requests.first)
        let token = try #require(try Shape.body(request)["ClientRequestToken"]?.stringValue)
        #expect((32...64).contains(token.count))
    }

    @Test func ssmShapes() async throws {
        let transport = FakeTransport { request, index in
            switch request.header("X-Amz-Target") {
            case "AmazonSSM.PutParameter": FakeTransport.json(200, #"{"Version":2,"Tier":"Standard"}"#)
            case "AmazonSSM.GetParameters":
                FakeTransport.json(200, #"{"Parameters":[{"Name":"/a","Type":"String","Value":"1","Version":2}],"InvalidParameters":["/b"]}"#)
            case "AmazonSSM.GetParametersByPath":
                FakeTransport.json(200, index == 2 ? #"{"Parameters":[{"Name":"/p/a"}],"NextToken":"n"}"# : #"{"Parameters":[{"Name":"/p/b"}]}"#)
            default: FakeTransport.json(200, #"{"DeletedParameters":["/a"],"InvalidParameters":["/b"]}"#)
            }
        }
        let ssm = SSMClient(AWSClient.forTesting(transport: transport))
        #expect(try await ssm.putParameter(name: "/a", value: "1", type: "SecureString", overwrite: true, tier: "Standard") == 2)
        let got = try await ssm.getParameters(names: ["/a", "/b"])
        #expect(got.Parameters?.first?.Value == "1")
        #expect(got.InvalidParameters == ["/b"])
        #expect(try await ssm.getParametersByPath(path: "/p").collect { $0 }.map(\.Name) == ["/p/a", "/p/b"])
        #expect(try await ssm.deleteParameters(names: ["/a", "/b"]).DeletedParameters == ["/a"])
        let bodies = try transport.requests.map(Shape.body)
        #expect(bodies[0] == (try Shape.json(#"{"Name":"/a","Value":"1","Type":"SecureString","Overwrite":true,"Tier":"Standard"}"#)))
        #expect(bodies[1] == (try Shape.json(#"{"Names":["/a","/b"],"WithDecryption":true}"#)))
        #expect(bodies[3] == (try Shape.json(#"{"Path":"/p","Recursive":true,"WithDecryption":true,"NextToken":"n"}"#)))
        #expect(bodies[4] == (try Shape.json(#"{"Names":["/a","/b"]}"#)))
    }

    @Test func applicationAutoScalingShapes() async throws {
        let transport = FakeTransport { request, _ in
            switch request.header("X-Amz-Target") {
            case "AnyScaleFrontendService.PutScalingPolicy": FakeTransport.json(200, #"{"PolicyARN":"arn:policy","Alarms":[]}"#)
            case "AnyScaleFrontendService.DescribeScalableTargets":
                FakeTransport.json(
                    200,
                    #"{"ScalableTargets":[{"ServiceNamespace":"ecs","ResourceId":"service/c/web","ScalableDimension":"ecs:service:DesiredCount","MinCapacity":1,"MaxCapacity":4,"RoleARN":"r","CreationTime":1700000000}]}"#
                )
            case "AnyScaleFrontendService.DescribeScalingPolicies":
                FakeTransport.json(
                    200,
                    #"{"ScalingPolicies":[{"PolicyARN":"arn:policy","PolicyName":"cpu","ResourceId":"service/c/web","PolicyType":"TargetTrackingScaling","TargetTrackingScalingPolicyConfiguration":{"TargetValue":60.0,"PredefinedMetricSpecification":{"PredefinedMetricType":"ECSServiceAverageCPUUtilization"}}}]}"#
                )
            default: FakeTransport.json(200, "{}")
            }
        }
        let scaling = ApplicationAutoScalingClient(AWSClient.forTesting(transport: transport))
        let resource = ApplicationAutoScalingClient.ecsServiceResourceId(cluster: "c", service: "web")
        try await scaling.registerScalableTarget(resourceId: resource, minCapacity: 1, maxCapacity: 4)
        let arn = try await scaling.putTargetTrackingPolicy(
            name: "cpu", resourceId: resource,
            configuration: .init(
                TargetValue: 60, PredefinedMetricSpecification: .init(PredefinedMetricType: ApplicationAutoScalingClient.PredefinedMetric.ecsCPU),
                ScaleInCooldown: 300))
        #expect(arn == "arn:policy")
        #expect(try await scaling.describeScalableTargets(resourceIds: [resource]).collect { $0 }.first?.MaxCapacity == 4)
        let policies = try await scaling.describeScalingPolicies(resourceId: resource).collect { $0 }
        #expect(policies.first?.TargetTrackingScalingPolicyConfiguration?.TargetValue == 60)
        try await scaling.deleteScalingPolicy(name: "cpu", resourceId: resource)
        try await scaling.deregisterScalableTarget(resourceId: resource)
        #expect(transport.requests[0].signingService == "application-autoscaling")
        let bodies = try transport.requests.map(Shape.body)
        #expect(
            bodies[0]
                == (try Shape.json(
                    #"{"ServiceNamespace":"ecs","ResourceId":"service/c/web","ScalableDimension":"ecs:service:DesiredCount","MinCapacity":1,"MaxCapacity":4}"#
                )))
        #expect(
            bodies[1]
                == (try Shape.json(
                    #"""
                    {"PolicyName":"cpu","ServiceNamespace":"ecs","ResourceId":"service/c/web","ScalableDimension":"ecs:service:DesiredCount",
                     "PolicyType":"TargetTrackingScaling","TargetTrackingScalingPolicyConfiguration":{"TargetValue":60,
                     "PredefinedMetricSpecification":{"PredefinedMetricType":"ECSServiceAverageCPUUtilization"},"ScaleInCooldown":300}}
                    """#)))
        #expect(
            bodies[2]
                == (try Shape.json(#"{"ServiceNamespace":"ecs","ResourceIds":["service/c/web"],"ScalableDimension":"ecs:service:DesiredCount"}"#)))
        #expect(
            bodies[3] == (try Shape.json(#"{"ServiceNamespace":"ecs","ResourceId":"service/c/web","ScalableDimension":"ecs:service:DesiredCount"}"#)))
        #expect(
            bodies[5] == (try Shape.json(#"{"ServiceNamespace":"ecs","ResourceId":"service/c/web","ScalableDimension":"ecs:service:DesiredCount"}"#)))
    }

    @Test func logsEventsAndStreams() async throws {
        let transport = FakeTransport { request, index in
            switch request.header("X-Amz-Target") {
            case "Logs_20140328.FilterLogEvents":
                FakeTransport.json(
                    200,
                    index == 0
                        ? #"{"events":[{"logStreamName":"web/web/1","timestamp":1,"message":"a"}],"nextToken":"n"}"#
                        : #"{"events":[{"timestamp":2,"message":"b"}]}"#)
            case "Logs_20140328.GetLogEvents":
                FakeTransport.json(200, #"{"events":[{"timestamp":3,"message":"c"}],"nextForwardToken":"f/1","nextBackwardToken":"b/1"}"#)
            default: FakeTransport.json(200, #"{"logStreams":[{"logStreamName":"web/web/1","lastEventTimestamp":3}]}"#)
            }
        }
        let logs = CloudWatchLogsClient(AWSClient.forTesting(transport: transport))
        let events = try await logs.filterLogEvents(groupName: "/berth/site", streamNamePrefix: "web/", startTime: 1000, limit: 50).collect { $0 }
        #expect(events.compactMap(\.message) == ["a", "b"])
        var pages = 0
        for try await page in logs.getLogEvents(groupName: "/berth/site", streamName: "web/web/1", limit: 20) {
            pages += 1
            #expect(page.first?.message == "c")
            break
        }
        #expect(pages == 1)
        #expect(try await logs.describeLogStreams(groupName: "/berth/site", streamNamePrefix: "web/").collect { $0 }.first?.lastEventTimestamp == 3)
        let bodies = try transport.requests.map(Shape.body)
        #expect(bodies[0] == (try Shape.json(#"{"logGroupName":"/berth/site","logStreamNamePrefix":"web/","startTime":1000,"limit":50}"#)))
        #expect(
            bodies[1] == (try Shape.json(#"{"logGroupName":"/berth/site","logStreamNamePrefix":"web/","startTime":1000,"limit":50,"nextToken":"n"}"#))
        )
        #expect(bodies[2] == (try Shape.json(#"{"logGroupName":"/berth/site","logStreamName":"web/web/1","limit":20}"#)))
        #expect(bodies[3] == (try Shape.json(#"{"logGroupName":"/berth/site","logStreamNamePrefix":"web/"}"#)))
    }

    @Test func logsSeedingCalls() async throws {
        let transport = Shape.answering("{}")
        let logs = CloudWatchLogsClient(AWSClient.forTesting(transport: transport))
        try await logs.createLogGroup("/g", tags: ["berth:project": "site"])
        try await logs.createLogStream(groupName: "/g", streamName: "s")
        try await logs.putLogEvents(groupName: "/g", streamName: "s", events: [.init(timestamp: 5, message: "hello")])
        try await logs.deleteLogGroup("/g")
        let bodies = try transport.requests.map(Shape.body)
        #expect(bodies[0] == (try Shape.json(#"{"logGroupName":"/g","tags":{"berth:project":"site"}}"#)))
        #expect(bodies[1] == (try Shape.json(#"{"logGroupName":"/g","logStreamName":"s"}"#)))
        #expect(bodies[2] == (try Shape.json(#"{"logGroupName":"/g","logStreamName":"s","logEvents":[{"timestamp":5,"message":"hello"}]}"#)))
        #expect(bodies[3] == (try Shape.json(#"{"logGroupName":"/g"}"#)))
    }

    @Test func ecrIsSignedAsEcrOnTheApiHost() async throws {
        let transport = FakeTransport { request, _ in
            switch request.header("X-Amz-Target")?.split(separator: ".").last {
            case "DescribeImages":
                FakeTransport.json(
                    200,
                    #"{"imageDetails":[{"repositoryName":"site/web","imageDigest":"sha256:abc","imageTags":["latest"],"imagePushedAt":1700000000}]}"#)
            case "DescribeRepositories":
                FakeTransport.json(
                    200, #"{"repositories":[{"repositoryName":"site/web","repositoryUri":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/site/web"}]}"#)
            case "GetAuthorizationToken":
                FakeTransport.json(200, #"{"authorizationData":[{"authorizationToken":"QVdTOnB3","proxyEndpoint":"https://x"}]}"#)
            default: FakeTransport.json(200, #"{"images":[],"failures":[{"imageId":{"imageTag":"nope"},"failureCode":"ImageNotFound"}]}"#)
            }
        }
        let client = AWSClient(
            region: "eu-west-1", credentials: StaticCredentialProvider(.init(accessKeyId: "a", secretAccessKey: "b"), source: "t"),
            transport: transport, endpoints: EndpointResolver(environment: [:], profile: ProfileSettings(name: "default")), retryPolicy: .noRetry)
        let ecr = ECRClient(client)
        let images = try await ecr.describeImages(repositoryName: "site/web", imageIds: [.init(imageTag: "latest")]).collect { $0 }
        #expect(images.first?.imageDigest == "sha256:abc")
        #expect(images.first?.imagePushedAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try await ecr.describeRepositories(names: ["site/web"]).collect { $0 }.first?.repositoryUri?.hasSuffix("/site/web") == true)
        #expect(try await ecr.getAuthorizationToken().first?.authorizationToken == "QVdTOnB3")
        #expect(
            try await ecr.batchGetImage(repositoryName: "site/web", imageIds: [.init(imageTag: "nope")]).failures?.first?.failureCode
                == "ImageNotFound")
        let request = try #require(transport.requests.first)
        #expect(request.url.host == "api.ecr.eu-west-1.amazonaws.com")
        #expect(request.signingService == "ecr")
        #expect(request.target == "AmazonEC2ContainerRegistry_V20150921.DescribeImages")
        let bodies = try transport.requests.map(Shape.body)
        #expect(bodies[0] == (try Shape.json(#"{"repositoryName":"site/web","imageIds":[{"imageTag":"latest"}]}"#)))
        #expect(bodies[1] == (try Shape.json(#"{"repositoryNames":["site/web"]}"#)))
        #expect(bodies[2] == (try Shape.json("{}")))
        #expect(bodies[3] == (try Shape.json(#"{"repositoryName":"site/web","imageIds":[{"imageTag":"nope"}]}"#)))
    }

    @Test func ecrCreateRepositoryAndLifecyclePolicy() async throws {
        let transport = FakeTransport { request, _ in
            switch request.header("X-Amz-Target")?.split(separator: ".").last {
            case "CreateRepository":
                FakeTransport.json(
                    200, #"{"repository":{"repositoryName":"site/web","repositoryUri":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/site/web"}}"#)
            default: FakeTransport.json(200, #"{"repositoryName":"site/web"}"#)
            }
        }
        let ecr = ECRClient(AWSClient.forTesting(transport: transport))
        let repository = try await ecr.createRepository(name: "site/web", tags: ["berth:project": "site"])
        #expect(repository.repositoryUri?.hasSuffix("/site/web") == true)
        try await ecr.putLifecyclePolicy(repositoryName: "site/web", policy: #"{"rules":[]}"#)
        let bodies = try transport.requests.map(Shape.body)
        #expect(
            bodies[0]
                == (try Shape.json(
                    #"""
                    {"repositoryName":"site/web","imageTagMutability":"MUTABLE","imageScanningConfiguration":{"scanOnPush":true},
                     "encryptionConfiguration":{"encryptionType":"KMS"},"tags":[{"Key":"berth:project","Value":"site"}]}
                    """#)))
        #expect(bodies[1] == (try Shape.json(#"{"repositoryName":"site/web","lifecyclePolicyText":"{\"rules\":[]}"}"#)))
    }

    @Test func acmDescribeCertificateAndAMissingOne() async throws {
        let transport = FakeTransport { request, index in
            #expect(request.header("X-Amz-Target") == "CertificateManager.DescribeCertificate")
            #expect(request.url.host == "127.0.0.1")
            return index == 0
                ? FakeTransport.json(200, #"{"Certificate":{"CertificateArn":"arn:aws:acm:eu-west-1:1:certificate/a","Status":"ISSUED"}}"#)
                : FakeTransport.json(400, #"{"__type":"ResourceNotFoundException","message":"Could not find certificate"}"#)
        }
        let acm = ACMClient(AWSClient.forTesting(transport: transport, region: "eu-west-1"))
        #expect(try await acm.describeCertificate("arn:aws:acm:eu-west-1:1:certificate/a")?.Status == .issued)
        #expect(try await acm.describeCertificate("arn:aws:acm:eu-west-1:1:certificate/b") == nil)
        #expect(try transport.requests.map(Shape.body).first == (try Shape.json(#"{"CertificateArn":"arn:aws:acm:eu-west-1:1:certificate/a"}"#)))
        #expect(transport.requests.first?.header("Authorization")?.contains("/eu-west-1/acm/aws4_request") == true)
    }

    @Test func ec2SubnetsAndSecurityGroups() async throws {
        let transport = FakeTransport { request, _ in
            if String(decoding: request.body, as: UTF8.self).contains("DescribeSubnets") {
                return FakeTransport.xml(
                    200,
                    """
                    <DescribeSubnetsResponse><subnetSet><item><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId>\
                    <availabilityZone>us-east-1a</availabilityZone><defaultForAz>true</defaultForAz></item></subnetSet></DescribeSubnetsResponse>
                    """)
            }
            return FakeTransport.xml(
                200,
                """
                <DescribeSecurityGroupsResponse><securityGroupInfo><item><groupId>sg-1</groupId><groupName>default</groupName>\
                <vpcId>vpc-1</vpcId></item></securityGroupInfo></DescribeSecurityGroupsResponse>
                """)
        }
        let ec2 = EC2Client(AWSClient.forTesting(transport: transport))
        let subnets = try await ec2.describeSubnets(filters: [.init(name: "vpc-id", values: ["vpc-1"])])
        #expect(subnets.map(\.subnetId) == ["subnet-1"])
        #expect(subnets.first?.defaultForAz == true)
        let groups = try await ec2.describeSecurityGroups(filters: [.init(name: "group-name", values: ["default"])])
        #expect(groups.map(\.groupId) == ["sg-1"])
        #expect(Shape.form(transport.requests[0]) == "Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1")
        #expect(
            Shape.form(transport.requests[1]) == "Action=DescribeSecurityGroups&Version=2016-11-15&Filter.1.Name=group-name&Filter.1.Value.1=default")
    }

    @Test func namedErrorChecks() {
        func error(_ code: String) -> AWSServiceError {
            AWSServiceError(code: code, message: "", httpStatus: 400, requestId: nil, service: "X", operation: "Y")
        }
        #expect(error("ParameterNotFound").isParameterNotFound)
        #expect(error("ParameterAlreadyExists").isParameterAlreadyExists)
        #expect(error("ResourceExistsException").isResourceExists)
        #expect(error("ResourceAlreadyExistsException").isResourceAlreadyExists)
        #expect(error("NoSuchEntity").isNoSuchEntity)
        #expect(error("ObjectNotFoundException").isObjectNotFound)
        #expect(error("ObjectNotFoundException").isScalableTargetNotFound)
        #expect(
            AWSServiceError(
                code: "ValidationException", message: "No scalable target found for service namespace: ecs", httpStatus: 400, requestId: nil,
                service: "ApplicationAutoScaling", operation: "DeregisterScalableTarget"
            ).isScalableTargetNotFound)
        #expect(error("RepositoryNotFoundException").isRepositoryNotFound)
        #expect(error("ImageNotFoundException").isImageNotFound)
        #expect(error("AccessPointNotFound").isAccessPointNotFound)
        #expect(error("FileSystemNotFound").isFileSystemNotFound)
        #expect(!error("AccessPointNotFound").isAccessPointAlreadyExists)
        #expect(error("AccessPointNotFound").existingAccessPointId == nil)
    }
}
