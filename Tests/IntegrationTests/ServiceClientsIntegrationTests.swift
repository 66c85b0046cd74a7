import AWSRuntime
import AWSServices
import BerthJSON
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// A round trip per smaller client through the gate's signature and model checks.
    @Suite struct ServiceClientsRoundTrip {
        static func unique() -> UInt32 { UInt32.random(in: 0...UInt32.max) }

        @Test func iamInlineRolePolicies() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let client = gate.awsClient()
            let iam = IAMClient(client)
            let role = "berth-it-task-\(Self.unique())"
            let trust =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
            let _: EmptyOutput = try await client.query(
                IAMClient.descriptor, operation: "CreateRole", parameters: [("AssumeRolePolicyDocument", trust), ("RoleName", role)],
                idempotent: false)
            let document =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:site/*"}]}"#
            try await iam.putRolePolicy(roleName: role, policyName: "berth-secrets", document: document)
            let policy = try await iam.getRolePolicy(roleName: role, policyName: "berth-secrets")
            #expect(policy.RoleName == role)
            let parsed = try JSONDecoder().decode(JSONValue.self, from: Data(policy.PolicyDocument.utf8))
            #expect(parsed == (try JSONDecoder().decode(JSONValue.self, from: Data(document.utf8))))
            try await iam.deleteRolePolicy(roleName: role, policyName: "berth-secrets")
            do {
                _ = try await iam.getRolePolicy(roleName: role, policyName: "berth-secrets")
                Issue.record("a deleted policy should be gone")
            } catch let error as AWSServiceError {
                #expect(error.isNoSuchEntity)
            }
            let _: EmptyOutput = try await client.query(
                IAMClient.descriptor, operation: "DeleteRole", parameters: [("RoleName", role)], idempotent: false)
            try gate.client.expectNoRejections()
        }

        @Test func secretsManagerLifecycle() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let secrets = SecretsManagerClient(gate.awsClient())
            let prefix = "berth-it-\(Self.unique())/"
            let name = prefix + "db"
            let created = try await secrets.createSecret(
                name: name, secretString: "first", clientRequestToken: "berth-it-token-0000000000000000001",
                tags: [.init(Key: "berth:project", Value: "it")])
            #expect(created.Name == name)
            do {
                _ = try await secrets.createSecret(name: name, secretString: "other")
                Issue.record("a second secret of the same name should be refused")
            } catch let error as AWSServiceError {
                #expect(error.isResourceExists)
            }
            let put = try await secrets.putSecretValue(
                secretId: name, secretString: "second", clientRequestToken: "berth-it-token-0000000000000000002")
            #expect(put.VersionId == "berth-it-token-0000000000000000002")
            #expect(try await secrets.getSecretValue(name).SecretString == "second")
            let described = try await secrets.describeSecret(name)
            #expect(described.Tags == [.init(Key: "berth:project", Value: "it")])
            #expect(described.VersionIdsToStages?["berth-it-token-0000000000000000002"]?.contains("AWSCURRENT") == true)
            let listed = try await secrets.listSecrets(filters: [.init(key: "name", values: [prefix])]).collect { $0 }
            #expect(listed.compactMap(\.Name) == [name])
            let deleted = try await secrets.deleteSecret(name, forceDeleteWithoutRecovery: true)
            #expect(deleted.Name == name)
            do {
                _ = try await secrets.describeSecret(name)
                Issue.record("a force-deleted secret should be gone")
            } catch let error as AWSServiceError {
                #expect(error.isResourceNotFound)
            }
            try gate.client.expectNoRejections()
        }

        @Test func ssmParameters() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let ssm = SSMClient(gate.awsClient())
            let path = "/berth-it/\(Self.unique())"
            #expect(
                try await ssm.putParameter(
                    name: "\(path)/web/nginx.conf", value: "server {}", tier: "Standard", tags: [.init(Key: "berth:project", Value: "it")]) == 1)
            try await ssm.putParameter(name: "\(path)/api/token", value: "t0k3n", type: "SecureString")
            do {
                try await ssm.putParameter(name: "\(path)/web/nginx.conf", value: "changed")
                Issue.record("a write without overwrite should be refused")
            } catch let error as AWSServiceError {
                #expect(error.isParameterAlreadyExists)
            }
            #expect(try await ssm.putParameter(name: "\(path)/web/nginx.conf", value: "server { listen 80; }", overwrite: true) == 2)
            let got = try await ssm.getParameters(names: ["\(path)/web/nginx.conf", "\(path)/api/token", "\(path)/missing"])
            #expect(got.InvalidParameters == ["\(path)/missing"])
            #expect(Set(got.Parameters?.compactMap(\.Value) ?? []) == ["server { listen 80; }", "t0k3n"])
            let all = try await ssm.getParametersByPath(path: path).collect { $0 }
            #expect(Set(all.map(\.Name)) == ["\(path)/web/nginx.conf", "\(path)/api/token"])
            let removed = try await ssm.deleteParameters(names: ["\(path)/web/nginx.conf", "\(path)/api/token", "\(path)/missing"])
            #expect(Set(removed.DeletedParameters ?? []) == ["\(path)/web/nginx.conf", "\(path)/api/token"])
            #expect(removed.InvalidParameters == ["\(path)/missing"])
            try gate.client.expectNoRejections()
        }

        @Test func applicationAutoScalingTargetTracking() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let client = gate.awsClient()
            let ecs = ECSClient(client)
            let (subnets, securityGroup) = try await ECSClientRoundTrip.defaultNetwork(client)
            let clusterName = "berth-it-scaling-\(Self.unique())"
            _ = try await ecs.createCluster(name: clusterName)
            let definition = try await ecs.registerTaskDefinition(
                .init(family: clusterName, cpu: "256", memory: "512", containerDefinitions: [.init(name: "web", image: "nginx", essential: true)]))
            _ = try await ecs.createService(
                .init(
                    cluster: clusterName, serviceName: "web", taskDefinition: definition.taskDefinitionArn, desiredCount: 1,
                    networkConfiguration: .init(awsvpcConfiguration: .init(subnets: subnets, securityGroups: [securityGroup]))))

            let scaling = ApplicationAutoScalingClient(client)
            let resource = ApplicationAutoScalingClient.ecsServiceResourceId(cluster: clusterName, service: "web")
            try await scaling.registerScalableTarget(resourceId: resource, minCapacity: 1, maxCapacity: 4, tags: ["berth:project": "it"])
            let targets = try await scaling.describeScalableTargets(resourceIds: [resource]).collect { $0 }
            #expect(targets.map { [$0.MinCapacity, $0.MaxCapacity] } == [[1, 4]])
            typealias Metric = ApplicationAutoScalingClient.PredefinedMetric
            try await scaling.putTargetTrackingPolicy(
                name: "cpu", resourceId: resource,
                configuration: .init(
                    TargetValue: 60, PredefinedMetricSpecification: .init(PredefinedMetricType: Metric.ecsCPU), ScaleInCooldown: 300,
                    ScaleOutCooldown: 60))
            try await scaling.putTargetTrackingPolicy(
                name: "memory", resourceId: resource,
                configuration: .init(TargetValue: 70, PredefinedMetricSpecification: .init(PredefinedMetricType: Metric.ecsMemory)))
            try await scaling.putTargetTrackingPolicy(
                name: "requests", resourceId: resource,
                configuration: .init(
                    TargetValue: 100,
                    PredefinedMetricSpecification: .init(
                        PredefinedMetricType: Metric.albRequestCountPerTarget,
                        ResourceLabel: "app/berth-it/0123456789abcdef/targetgroup/web/0123456789abcdef")))
            let policies = try await scaling.describeScalingPolicies(resourceId: resource).collect { $0 }
            #expect(Set(policies.map(\.PolicyName)) == ["cpu", "memory", "requests"])
            let cpu = try #require(policies.first { $0.PolicyName == "cpu" })
            #expect(cpu.PolicyType == "TargetTrackingScaling")
            #expect(cpu.TargetTrackingScalingPolicyConfiguration?.TargetValue == 60)
            #expect(cpu.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType == Metric.ecsCPU)
            try await scaling.deleteScalingPolicy(name: "requests", resourceId: resource)
            try await scaling.deregisterScalableTarget(resourceId: resource)
            #expect(try await scaling.describeScalableTargets(resourceIds: [resource]).collect { $0 }.isEmpty)
            do {
                try await scaling.deregisterScalableTarget(resourceId: resource)
                Issue.record("deregistering twice should say the target is gone")
            } catch let error as AWSServiceError {
                #expect(error.isScalableTargetNotFound)
            }
            _ = try await ecs.deleteService(cluster: clusterName, service: "web", force: true)
            _ = try await ecs.deleteCluster(clusterName)
            try gate.client.expectNoRejections()
        }

        @Test func logsEventsByStreamPrefix() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let logs = CloudWatchLogsClient(gate.awsClient())
            let group = "/berth/it-\(Self.unique())"
            try await logs.createLogGroup(group, tags: ["berth:project": "it"])
            do {
                try await logs.createLogGroup(group)
                Issue.record("a second group of the same name should be refused")
            } catch let error as AWSServiceError {
                #expect(error.isResourceAlreadyExists)
            }
            let now = Int(Date().timeIntervalSince1970 * 1000)
            for stream in ["web/web/task1", "api/api/task2"] {
                try await logs.createLogStream(groupName: group, streamName: stream)
                try await logs.putLogEvents(
                    groupName: group, streamName: stream,
                    events: (0..<3).map { .init(timestamp: now - 3000 + $0 * 1000, message: "\(stream) line \($0)") })
            }
            let web = try await logs.filterLogEvents(groupName: group, streamNamePrefix: "web/", startTime: now - 60_000).collect { $0 }
            #expect(web.compactMap(\.message) == (0..<3).map { "web/web/task1 line \($0)" })
            #expect(try await logs.filterLogEvents(groupName: group).collect { $0 }.count == 6)
            var tail: [CloudWatchLogsClient.OutputLogEvent] = []
            for try await page in logs.getLogEvents(groupName: group, streamName: "api/api/task2", startFromHead: true, limit: 10) { tail += page }
            #expect(tail.compactMap(\.message) == (0..<3).map { "api/api/task2 line \($0)" })
            let streams = try await logs.describeLogStreams(groupName: group, streamNamePrefix: "api/").collect { $0 }
            #expect(streams.map(\.logStreamName) == ["api/api/task2"])
            try await logs.deleteLogGroup(group)
            do {
                _ = try await logs.filterLogEvents(groupName: group).collect { $0 }
                Issue.record("a deleted group should be gone")
            } catch let error as AWSServiceError {
                #expect(error.isResourceNotFound)
            }
            try gate.client.expectNoRejections()
        }

        struct RawRepositoryInput: Encodable { var repositoryName: String }
        struct RawPutImageInput: Encodable {
            var repositoryName: String
            var imageManifest: String
            var imageManifestMediaType: String
            var imageTag: String
        }
        struct RawDeleteRepositoryInput: Encodable {
            var repositoryName: String
            var force: Bool
        }

        @Test func ecrImagesByTag() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let client = gate.awsClient()
            let ecr = ECRClient(client)
            let repository = "berth-it-\(Self.unique())/web"
            let _: EmptyOutput = try await client.json(
                ECRClient.descriptor, operation: "CreateRepository", input: RawRepositoryInput(repositoryName: repository), idempotent: false)
            let manifest =
                #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[]}"#
            let _: EmptyOutput = try await client.json(
                ECRClient.descriptor, operation: "PutImage",
                input: RawPutImageInput(
                    repositoryName: repository, imageManifest: manifest,
                    imageManifestMediaType: "application/vnd.docker.distribution.manifest.v2+json",
                    imageTag: "v1"),
                idempotent: false)

            let images = try await ecr.describeImages(repositoryName: repository, imageIds: [.init(imageTag: "v1")]).collect { $0 }
            let image = try #require(images.first)
            #expect(images.count == 1)
            #expect(image.imageDigest?.hasPrefix("sha256:") == true)
            #expect(image.imageTags == ["v1"])
            #expect(image.imagePushedAt != nil)
            #expect(try await ecr.describeImages(repositoryName: repository).collect { $0 }.map(\.imageDigest) == [image.imageDigest])

            let repositories = try await ecr.describeRepositories(names: [repository]).collect { $0 }
            #expect(repositories.first?.repositoryUri?.hasSuffix("/\(repository)") == true)
            let fetched = try await ecr.batchGetImage(repositoryName: repository, imageIds: [.init(imageTag: "v1"), .init(imageTag: "nope")])
            #expect(fetched.images?.first?.imageId?.imageDigest == image.imageDigest)
            #expect(fetched.failures?.map(\.imageId?.imageTag) == ["nope"])
            #expect(try await ecr.getAuthorizationToken().first?.authorizationToken?.isEmpty == false)
            do {
                _ = try await ecr.describeImages(repositoryName: repository, imageIds: [.init(imageTag: "nope")]).collect { $0 }
                Issue.record("an unknown tag should be an error")
            } catch let error as AWSServiceError {
                #expect(error.isImageNotFound)
            }
            let _: EmptyOutput = try await client.json(
                ECRClient.descriptor, operation: "DeleteRepository", input: RawDeleteRepositoryInput(repositoryName: repository, force: true),
                idempotent: false)
            do {
                _ = try await ecr.describeRepositories(names: [repository]).collect { $0 }
                Issue.record("a deleted repository should be gone")
            } catch let error as AWSServiceError {
                #expect(error.isRepositoryNotFound)
            }
            try gate.client.expectNoRejections()
        }
    }
}
