import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// `down --infra` and `--delete-data`, on a site in an existing VPC (`x-aws-vpc`) and on one
    /// whose network the stack makes (the emulator deletes its gateway, routes and subnets as
    /// CloudFormation does).
    @Suite struct Teardown {
        static let region = "us-east-1"

        func site(_ gate: LocalAWS, project: String) async throws -> URL {
            let client = AWSClient.forTesting(transport: URLSessionTransport(), endpoint: gate.url, region: Self.region)
            let vpc = try #require(
                try await EC2Client(client).describeVpcs(filters: [.init(name: "is-default", values: ["true"])]).collect { $0 }.first)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-teardown-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try """
            name: \(project)
            x-aws-vpc: \(vpc.vpcId)
            services:
              web:
                image: nginx:1.27-alpine
                ports: ["80:80"]
                volumes: [data:/usr/share/nginx/html]
            volumes:
              data: {}
            """.write(to: folder.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            return folder
        }

        func berth(_ arguments: [String], _ gate: LocalAWS, _ folder: URL) throws -> BerthBinary.Result {
            try BerthBinary.run(arguments, environment: gate.berthEnvironment(), directory: folder)
        }

        @Test func downInfraKeepsTheDataAndDeleteDataRemovesIt() async throws {
            let gate = try LocalAWS.require()
            let folder = try await site(gate, project: "teardown")
            let deploy = try berth(["deploy"], gate, folder)
            #expect(deploy.status == 0, "\(deploy.stderr)")
            let client = AWSClient.forTesting(transport: URLSessionTransport(), endpoint: gate.url, region: Self.region)
            let fileSystems = try await EFSClient(client).describeFileSystems().collect { $0 }.filter { system in
                system.Tags?.contains { $0.Key == "berth:project" && $0.Value == "teardown" } == true
            }
            #expect(fileSystems.count == 1)

            // Without --yes and without a terminal, down refuses rather than guess.
            let refused = try berth(["down", "--infra"], gate, folder)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("--yes"))

            let down = try berth(["down", "--infra", "--yes"], gate, folder)
            #expect(down.status == 0, "\(down.stderr)")
            #expect(down.stdout.contains("removed service web"))
            #expect(down.stdout.contains("removed stack teardown-default"))
            #expect(down.stdout.contains("kept file system \(fileSystems[0].FileSystemId) (volume data)"))
            #expect(down.stdout.contains("the next deploy takes it back"))
            #expect(try await CloudFormationClient(client).describeStacks(name: "teardown-default").isEmpty)
            #expect(try await EFSClient(client).describeFileSystems(id: fileSystems[0].FileSystemId).collect { $0 }.count == 1)

            let again = try berth(["down", "--infra", "--yes"], gate, folder)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("nothing is deployed for teardown-default"))
        }

        /// Issue 12, item 2, the round trip: after `down --infra` the next deploy gives the site
        /// back its file system (the uploads) and its backup bucket, found by their tags; a
        /// further deploy writes nothing; `down --delete-data` with no stack left still finds them.
        @Test func aDeployAfterDownInfraGivesBackTheUploads() async throws {
            let gate = try LocalAWS.require()
            let folder = try await site(gate, project: "comeback")
            #expect(try berth(["deploy"], gate, folder).status == 0)
            let client = AWSClient.forTesting(transport: URLSessionTransport(), endpoint: gate.url, region: Self.region)
            let efs = EFSClient(client)
            func tagged() async throws -> [String] {
                try await efs.describeFileSystems().collect { $0 }.filter { system in
                    system.Tags?.contains { $0.Key == "berth:project" && $0.Value == "comeback" } == true
                }.map(\.FileSystemId)
            }
            func bucketOutput() async throws -> String? {
                try await CloudFormationClient(client).describeStacks(name: "comeback-default").first?.Outputs?.first {
                    $0.OutputKey == "BackupBucket"
                }?
                .OutputValue
            }
            let fileSystem = try #require(try await tagged().first)
            let bucket = try #require(try await bucketOutput())
            _ = try await S3Client(client).putObject(bucket: bucket, key: "dev/data/2026-12-04/manifest.json", body: Data("{}".utf8))
            let points = try await efs.describeAccessPoints(fileSystemId: fileSystem).collect { $0 }.map(\.AccessPointId)

            #expect(try berth(["down", "--infra", "--yes"], gate, folder).status == 0)
            let status = try berth(["status"], gate, folder)
            #expect(
                status.stdout.contains("is not deployed") && status.stdout.contains("file system \(fileSystem) (volume data)"), "\(status.stdout)")
            #expect(status.stdout.contains("backup bucket \(bucket)"))

            let redeploy = try berth(["deploy"], gate, folder)
            #expect(redeploy.status == 0, "\(redeploy.stderr)")
            #expect(redeploy.stderr.contains("volume data: takes back file system \(fileSystem)"), "\(redeploy.stderr)")
            #expect(try await tagged() == [fileSystem], "no second, empty file system")
            #expect(try await bucketOutput() == bucket)
            #expect(try await S3Client(client).getObject(bucket: bucket, key: "dev/data/2026-12-04/manifest.json") == Data("{}".utf8))
            let definition = try await ECSClient(client).describeTaskDefinition("comeback-default-web").taskDefinition
            #expect(definition.volumes?.compactMap(\.efsVolumeConfiguration).map(\.fileSystemId) == [fileSystem])
            #expect(try await efs.describeAccessPoints(fileSystemId: fileSystem).collect { $0 }.map(\.AccessPointId) == points)
            let mounts = try await efs.describeMountTargets(fileSystemId: fileSystem).collect { $0 }
            #expect(mounts.count == 2, "the new stack's mount targets")

            try gate.client.reset()
            #expect(try berth(["deploy"], gate, folder).status == 0)
            #expect(try gate.client.stats().mutating == 0, "a further deploy writes nothing")

            let wipe = try berth(["down", "--infra", "--yes"], gate, folder)
            #expect(wipe.status == 0 && wipe.stdout.contains("kept file system \(fileSystem)"))
            let gone = try berth(["down", "--infra", "--delete-data", "--yes"], gate, folder)
            #expect(gone.status == 0, "\(gone.stderr)")
            #expect(
                gone.stdout.contains("removed file system \(fileSystem) (volume data)") && gone.stdout.contains("removed backup bucket \(bucket)"))
            #expect(try await tagged().isEmpty)
            #expect(try await !S3Client(client).headBucket(bucket))
            try gate.client.expectNoRejections()
        }

        /// A first create that fails rolls back but keeps the file system and bucket it made
        /// (Retain); `--recreate` takes them back instead of adding another pair.
        @Test func aRecreateAfterAFailedFirstCreateTakesBackWhatItKept() async throws {
            let gate = try LocalAWS.require()
            let folder = try await site(gate, project: "rolled")
            let client = AWSClient.forTesting(transport: URLSessionTransport(), endpoint: gate.url, region: Self.region)
            func tagged() async throws -> [String] {
                try await ResourceGroupsTaggingClient(client).getResources(
                    tags: [("berth:project", "rolled")], resourceTypes: ["elasticfilesystem:file-system", "s3"]
                ).collect { $0 }.map(\.ResourceARN).sorted()
            }
            try gate.client.failNextStackResource("BackupBucketPolicy", reason: "Policy quota exceeded", stackName: "rolled-default")
            let failed = try berth(["deploy"], gate, folder)
            #expect(failed.status != 0)
            let kept = try await tagged()
            #expect(kept.count == 2, "the file system and the bucket, kept by the rollback: \(kept)")

            let recreated = try berth(["deploy", "--recreate"], gate, folder)
            #expect(recreated.status == 0, "\(recreated.stderr.suffix(1500))")
            #expect(
                recreated.stderr.contains("takes back file system") && recreated.stderr.contains("backup bucket: takes back"), "\(recreated.stderr)")
            #expect(try await tagged() == kept, "no second pair")
            #expect(try berth(["down", "--infra", "--delete-data", "--yes"], gate, folder).status == 0)
            #expect(try await tagged().isEmpty)
        }

        @Test func deleteDataRemovesFileSystemsAndTheBackupBucket() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let folder = try await site(gate, project: "wipe")
            #expect(try berth(["deploy"], gate, folder).status == 0)
            let client = AWSClient.forTesting(transport: URLSessionTransport(), endpoint: gate.url, region: Self.region)
            let outputs = try await CloudFormationClient(client).describeStacks(name: "wipe-default").first?.Outputs ?? []
            let bucket = try #require(outputs.first { $0.OutputKey == "BackupBucket" }?.OutputValue)
            _ = try await S3Client(client).putObject(bucket: bucket, key: "backups/one.tar", body: Data("x".utf8))
            let down = try berth(["down", "--infra", "--delete-data", "--yes"], gate, folder)
            #expect(down.status == 0, "\(down.stderr)")
            #expect(down.stdout.contains("removed backup bucket \(bucket)"))
            #expect(down.stdout.contains("removed file system"))
            #expect(try await !S3Client(client).headBucket(bucket))
            let left = try await EFSClient(client).describeFileSystems().collect { $0 }.filter { system in
                system.Tags?.contains { $0.Key == "berth:project" && $0.Value == "wipe" } == true
            }
            #expect(left.isEmpty)
            try gate.client.expectNoRejections()
        }

        @Test func downInfraRemovesTheNetworkTheStackMade() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-network-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try """
            name: ownnet
            services:
              web: {image: "nginx:1.27-alpine", ports: ["80:80"]}
            """.write(to: folder.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            #expect(try berth(["deploy"], gate, folder).status == 0)
            let client = AWSClient.forTesting(transport: URLSessionTransport(), endpoint: gate.url, region: Self.region)
            let resources = try await CloudFormationClient(client).listStackResources(stackName: "ownnet-default").collect { $0 }
            let vpc = try #require(resources.first { $0.ResourceType == "AWS::EC2::VPC" }?.PhysicalResourceId)

            let down = try berth(["down", "--infra", "--yes"], gate, folder)
            #expect(down.status == 0, "\(down.stderr)")
            #expect(down.stdout.contains("removed stack ownnet-default"))
            #expect(try await CloudFormationClient(client).describeStacks(name: "ownnet-default").isEmpty)
            #expect(try await EC2Client(client).describeVpcs(filters: [.init(name: "vpc-id", values: [vpc])]).collect { $0 }.isEmpty)
            try gate.client.expectNoRejections()
        }
    }
}
