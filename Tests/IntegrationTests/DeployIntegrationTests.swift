import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// The example site, deployed with the `berth` binary through the gate, then read back with
    /// the typed clients.
    @Suite struct Deploy {
        static let site = LocalAWS.projectRoot.appendingPathComponent("examples/website")
        static let region = "eu-west-1"

        func berth(_ arguments: [String], _ gate: LocalAWS) throws -> BerthBinary.Result {
            try BerthBinary.run(arguments, environment: gate.berthEnvironment(), directory: Self.site)
        }

        @Test func deployReadBackNoOpRedeployAndTeardown() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let infra = try berth(["deploy", "--env", "dev", "--only", "infra"], gate)
            #expect(infra.status == 0, "\(infra.stderr)")
            try gate.seedImage(region: Self.region, repository: "website/site")
            let deploy = try berth(["deploy", "--env", "dev", "--output", "json"], gate)
            #expect(deploy.status == 0, "\(deploy.stderr)")
            try gate.client.expectNoRejections()

            // Read back: each mount has its access point, each task definition logs to the
            // stack's log group under the service's prefix, each service has its count.
            let client = AWSClient.forTesting(transport: URLSessionTransport(), endpoint: gate.url, region: Self.region)
            let ecs = ECSClient(client)
            for name in ["proxy", "site", "cms"] {
                let definition = try await ecs.describeTaskDefinition("website-dev-\(name)").taskDefinition
                let main = try #require(definition.containerDefinitions?.first { $0.name == name })
                #expect(main.logConfiguration?.options?["awslogs-group"] == "/berth/website/dev")
                #expect(main.logConfiguration?.options?["awslogs-stream-prefix"] == name)
            }
            let cms = try await ecs.describeTaskDefinition("website-dev-cms").taskDefinition
            let efsVolume = try #require(cms.volumes?.first { $0.efsVolumeConfiguration != nil }?.efsVolumeConfiguration)
            #expect(efsVolume.transitEncryption == "ENABLED")
            let accessPointId = try #require(efsVolume.authorizationConfig?.accessPointId)
            let points = try await EFSClient(client).describeAccessPoints(accessPointId: accessPointId).collect { $0 }
            #expect(points.first?.FileSystemId == efsVolume.fileSystemId)
            #expect(points.first?.PosixUser?.Uid == 1000)
            let services = try await ecs.describeServices(cluster: "website-dev", services: ["proxy", "site", "cms"]).services ?? []
            #expect(services.map { $0.desiredCount ?? -1 } == [1, 1, 1])
            #expect(services.allSatisfy { $0.status == .active })

            // status reads what runs, with batched calls only, and writes nothing.
            try gate.client.reset()
            let status = try berth(["status", "--env", "dev", "--output", "json"], gate)
            #expect(status.status == 0, "\(status.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            let states = try #require(report["services"] as? [[String: Any]])
            #expect(states.map { $0["name"] as? String } == ["proxy", "site", "cms"])
            #expect(states.allSatisfy { $0["running"] as? Int == 1 && $0["desired"] as? Int == 1 && $0["size"] is String })
            #expect((states.first?["addresses"] as? [String])?.first?.hasPrefix("http://") == true)
            #expect(((report["monthlyCost"] as? [String: Any])?["lines"] as? [Any])?.isEmpty == false)
            let statusStats = try gate.client.stats()
            #expect(statusStats.mutating == 0)
            let operations = Set((statusStats.by_operation ?? [:]).keys)
            #expect(
                operations.isSubset(of: [
                    "cloudformation:DescribeStacks", "cloudformation:ListStackResources", "sts:GetCallerIdentity", "ecs:DescribeServices",
                    "ecs:ListTasks",
                    "ecs:DescribeTasks", "monitoring:GetMetricData", "cloudwatch:GetMetricData", "cloudwatch:DescribeAlarms",
                    "monitoring:DescribeAlarms",
                    "tagging:GetResources", "elasticfilesystem:DescribeFileSystems", "s3:HeadBucket",
                ]), "\(operations)")

            // A second deploy changes nothing and writes nothing; plan agrees.
            try gate.client.reset()
            let again = try berth(["deploy", "--env", "dev"], gate)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try gate.client.stats().mutating == 0)
            let plan = try berth(["plan", "--env", "dev", "--output", "json"], gate)
            #expect(plan.stdout.contains("\"services\" : [\n\n  ]") || plan.stdout.contains("\"services\" : []"), "\(plan.stdout)")

            // A changed compose value updates one service only.
            let changed = try BerthBinary.run(
                ["deploy", "--env", "dev", "--output", "json"], environment: gate.berthEnvironment(["CMS_CONTENT_KEY": "k2"]), directory: Self.site)
            #expect(changed.status == 0, "\(changed.stderr)")
            #expect(changed.stdout.contains("website-dev-site"))
            #expect(!changed.stdout.contains("website-dev-cms"))

            // A rollout the circuit breaker rolls back is a failure that says why.
            try gate.client.failNextDeployment(service: "site", cluster: "website-dev")
            let failed = try BerthBinary.run(
                ["deploy", "--env", "dev"], environment: gate.berthEnvironment(["CMS_CONTENT_KEY": "k3"]), directory: Self.site)
            #expect(failed.status == 1)
            #expect(failed.stderr.contains("error: service site: the deployment failed and was rolled back"), "\(failed.stderr)")
            #expect(failed.stderr.contains("exit code 1"))
            #expect(failed.stderr.contains("hint: fix the cause"))

            // Teardown keeps the data; twice is harmless.
            let down = try berth(["down", "--env", "dev", "--yes", "--access-points"], gate)
            #expect(down.status == 0, "\(down.stderr)")
            #expect(down.stdout.contains("removed service cms"))
            let downAgain = try berth(["down", "--env", "dev", "--yes"], gate)
            #expect(downAgain.status == 0)
            #expect(downAgain.stdout.contains("nothing left to remove"))
            #expect(try await EFSClient(client).describeFileSystems(id: efsVolume.fileSystemId).collect { $0 }.count == 1)
            try gate.client.expectNoRejections()
        }

        /// dev and prod in one account and region: the repository `website/site` is the project's,
        /// made once through the API; neither stack creates it (AWS would answer
        /// RepositoryAlreadyExistsException to the second) and neither teardown deletes it.
        @Test func devAndProdShareOneAccountAndRegion() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            // prod serves HTTPS with the example's certificate: first not issued, which stops the
            // deploy before any stack (AWS would roll the stack back at the listener)...
            let certificate = "arn:aws:acm:eu-west-1:123456789012:certificate/example"
            try gate.client.placeCertificate(certificate, status: "PENDING_VALIDATION")
            let pending = try berth(["deploy", "--env", "prod", "--only", "infra"], gate)
            #expect(pending.status == 1)
            #expect(pending.stderr.contains("is PENDING_VALIDATION, not ISSUED"), "\(pending.stderr)")
            #expect(try gate.client.stats().mutating == 0)
            // ...then issued.
            try gate.client.placeCertificate(certificate)
            for environment in ["dev", "prod"] {
                let infra = try berth(["deploy", "--env", environment, "--only", "infra"], gate)
                #expect(infra.status == 0, "\(environment): \(infra.stderr)")
            }
            try gate.client.expectNoRejections()
            let client = AWSClient.forTesting(transport: URLSessionTransport(), endpoint: gate.url, region: Self.region)
            let cloudFormation = CloudFormationClient(client)
            for stack in ["website-dev", "website-prod"] {
                let resources = try await cloudFormation.listStackResources(stackName: stack).collect { $0 }
                #expect(!resources.contains { $0.ResourceType == "AWS::ECR::Repository" }, "\(stack)")
            }

            // dev runs from an image in the project's repository; tearing down an environment
            // that was never deployed, then another one with its data, leaves that image alone.
            try gate.seedImage(region: Self.region, repository: "website/site")
            let never = try berth(["down", "--env", "uat", "--infra", "--yes"], gate)
            #expect(never.status == 0, "\(never.stderr)")
            #expect(never.stdout.contains("nothing is deployed for website-uat"), "\(never.stdout)")
            let down = try berth(["down", "--env", "prod", "--infra", "--delete-data", "--yes"], gate)
            #expect(down.status == 0, "\(down.stderr)")
            #expect(down.stdout.contains("kept repository website/site"), "\(down.stdout)")
            #expect(try await ECRClient(client).describeRepositories(names: ["website/site"]).collect { $0 }.count == 1)
            #expect(
                try await ECRClient(client).describeImages(repositoryName: "website/site").collect { $0 }.count == 1, "dev's image is still there")
            #expect(try gate.client.requests().filter { ["BatchDeleteImage", "DeleteRepository"].contains($0.operation ?? "") }.isEmpty)
            #expect(try await cloudFormation.describeStack("website-dev") != nil)
            try gate.client.expectNoRejections()
        }

        @Test func downWhenNothingIsDeployedSaysSo() throws {
            let gate = try LocalAWS.require()
            let result = try berth(["down", "--env", "prod", "--yes"], gate)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("nothing is deployed for website-prod"))
        }

        @Test func badComposeInputStopsBeforeAnyAWSCall() throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-bad-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "services:\n  web:\n    image: nginx\n    deploy:\n      resources:\n        limits:\n          memory: lots\n".write(
                to: folder.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let result = try BerthBinary.run(["deploy"], environment: gate.berthEnvironment(), directory: folder)
            #expect(result.status == 2)
            #expect(result.stderr.contains("compose.yaml:7:19"))
            #expect(try gate.client.stats().total == 0)
        }
    }
}
