import AWSRuntime
import AWSServices
import BerthJSON
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// The example site's dev environment deployed as one stack (`--unified`) with the `berth`
    /// binary through the gate, which lints the template with cfn-lint, then read back with the
    /// typed clients.
    ///
    /// What moto cannot show, and so is checked by the goldens, cfn-lint and checkov instead:
    /// its CloudFormation drops the task definitions' EFS volume configuration and most service
    /// details, and gives CloudFormation-made access points a broken `Ref`.
    @Suite struct UnifiedDeploy {
        static let site = LocalAWS.projectRoot.appendingPathComponent("examples/website")
        static let region = "eu-west-1"

        func berth(_ arguments: [String], _ gate: LocalAWS) throws -> BerthBinary.Result {
            try BerthBinary.run(arguments, environment: gate.berthEnvironment(), directory: Self.site)
        }

        /// prod in one stack: private subnets behind a NAT gateway, HTTPS with the example's
        /// certificate (issued, in the site's region), alarms through the stack's own key, and
        /// services that wait for their routes and for what they depend on.
        @Test func prodAsOneStack() async throws {
            let gate = try LocalAWS.require()
            try gate.client.resetMoto()
            defer { try? gate.client.resetMoto() }
            try gate.client.reset()
            try gate.client.placeCertificate("arn:aws:acm:eu-west-1:123456789012:certificate/example")
            _ = try berth(["deploy", "--env", "prod", "--unified"], gate)  // makes the repository; the image is not pushed yet
            try gate.seedImage(region: Self.region, repository: "website/site", tag: "1.0.0")  // prod's image_tag
            let deploy = try berth(["deploy", "--env", "prod", "--unified"], gate)
            #expect(deploy.status == 0, "\(deploy.stderr)")
            try gate.client.expectNoRejections()
            let client = AWSClient.forTesting(transport: URLSessionTransport(), endpoint: gate.url, region: Self.region)
            let stack = try #require(try await CloudFormationClient(client).describeStack("website-prod"))
            #expect(stack.StackStatus.rawValue == "CREATE_COMPLETE")
            let services = try await ECSClient(client).describeServices(cluster: "website-prod", services: ["proxy", "site", "cms"]).services ?? []
            #expect(services.map { $0.desiredCount ?? -1 } == [2, 3, 1])
        }

        @Test func oneStackWithEverythingAndANoOpRedeploy() async throws {
            let gate = try LocalAWS.require()
            // Other suites leave the two-layer site behind; this one starts and ends clean.
            try gate.client.resetMoto()
            defer { try? gate.client.resetMoto() }
            try gate.client.reset()

            // The first deploy makes the repository, then stops: the image is not pushed yet.
            let unpushed = try berth(["deploy", "--env", "dev", "--unified"], gate)
            #expect(unpushed.status == 1)
            #expect(unpushed.stderr.contains("website/site:latest is not in ECR"), "\(unpushed.stderr)")
            #expect(unpushed.stderr.contains("create repository website/site"), "\(unpushed.stderr)")
            try gate.seedImage(region: Self.region, repository: "website/site")

            let deploy = try berth(["deploy", "--env", "dev", "--unified", "--output", "json"], gate)
            #expect(deploy.status == 0, "\(deploy.stderr)")
            #expect(deploy.stdout.contains("\"infra\" : \"created\""), "\(deploy.stdout)")
            try gate.client.expectNoRejections()

            let client = AWSClient.forTesting(transport: URLSessionTransport(), endpoint: gate.url, region: Self.region)
            let stack = try #require(try await CloudFormationClient(client).describeStack("website-dev"))
            #expect(stack.StackStatus.rawValue == "CREATE_COMPLETE")
            let resources = try await CloudFormationClient(client).listStackResources(stackName: "website-dev").collect { $0 }
            let types = Set(resources.compactMap(\.ResourceType))
            for type in ["AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::EFS::AccessPoint", "AWS::IAM::Policy", "AWS::SSM::Parameter"] {
                #expect(types.contains(type), "the stack has no \(type)")
            }

            // Each task definition logs to the site's log group under the service's prefix; the
            // built image runs by digest.
            let ecs = ECSClient(client)
            for name in ["proxy", "site", "cms"] {
                let definition = try await ecs.describeTaskDefinition("website-dev-\(name)").taskDefinition
                let main = try #require(definition.containerDefinitions?.first { $0.name == name })
                #expect(main.logConfiguration?.options?["awslogs-group"] == "/berth/website/dev")
                #expect(main.logConfiguration?.options?["awslogs-stream-prefix"] == name)
                if name == "site" { #expect(main.image?.contains("/website/site@sha256:") == true, "\(main.image ?? "")") }
            }
            let services = try await ecs.describeServices(cluster: "website-dev", services: ["proxy", "site", "cms"]).services ?? []
            #expect(services.map(\.serviceName) == ["proxy", "site", "cms"])
            #expect(services.map { $0.desiredCount ?? -1 } == [1, 1, 1])
            #expect(services.allSatisfy { $0.status == .active })

            // The proxy's config file is a parameter of the stack, the access point one of its resources.
            let config = try await SSMClient(client).getParameters(names: ["/berth/website/dev/files/proxy/0-nginx-conf"]).Parameters?.first
            #expect(config?.Value?.contains("proxy_pass http://site;") == true)
            let fileSystem = try #require(resources.first { $0.LogicalResourceId == "FileSystemCmsUploads" }?.PhysicalResourceId)
            // Read as plain JSON: moto echoes the template's string "1000" as the uid, where AWS answers a number.
            let answer: JSONValue = try await client.restJSON(
                EFSClient.descriptor, operation: "DescribeAccessPoints", method: "GET", path: "/2015-02-01/access-points",
                query: [("FileSystemId", fileSystem)], idempotent: true)
            guard case .array(let points)? = answer["AccessPoints"] else { Issue.record("no AccessPoints in \(answer)"); return }
            #expect(points.count == 1)
            #expect(points.first?["PosixUser"]?["Uid"]?.stringValue == "1000")
            #expect(points.first?["RootDirectory"]?["Path"]?.stringValue == "/ghost-content")

            // A second deploy changes nothing and writes nothing; plan agrees.
            try gate.client.reset()
            let again = try berth(["deploy", "--env", "dev", "--unified"], gate)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("infra (website-dev): no changes"), "\(again.stdout)")
            let stats = try gate.client.stats()
            #expect(stats.mutating == 0)
            let plan = try berth(["plan", "--env", "dev", "--unified"], gate)
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(plan.stdout.contains("infra (website-dev): no changes"), "\(plan.stdout)")
            #expect(try gate.client.stats().mutating == 0)
            try gate.client.expectNoRejections()
        }

        @Test func unifiedTakesNoLayerFlags() throws {
            let gate = try LocalAWS.require()
            let result = try berth(["deploy", "--env", "dev", "--unified", "--only", "infra"], gate)
            #expect(result.status == 2)
            #expect(result.stderr.contains("--only and --service do not apply"), "\(result.stderr)")
        }
    }
}
