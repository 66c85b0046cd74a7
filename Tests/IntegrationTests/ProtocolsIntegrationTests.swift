import AWSRuntime
import AWSServices
import BerthJSON
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// One call of each protocol, end to end through the gate's signature and model checks.
    @Suite struct Protocols {
        @Test func awsQueryWithSTSAndCloudFormation() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let client = gate.awsClient()
            let identity = try await STSClient(client).getCallerIdentity()
            #expect(identity.Account == "123456789012")
            #expect(try await CloudFormationClient(client).describeStacks(name: "berth-no-such-stack").isEmpty)
            try gate.client.expectNoRejections()
        }

        @Test func awsJSONWithECSAndLogs() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let client = gate.awsClient()
            let clusters = try await ECSClient(client).listClusters().collect { $0.clusterArns ?? [] }
            #expect(clusters.allSatisfy { $0.hasPrefix("arn:aws:ecs:us-east-1:123456789012:cluster/") })
            _ = try await CloudWatchLogsClient(client).describeLogGroups(prefix: "/berth/").collect { $0 }
            try gate.client.expectNoRejections()
        }

        @Test func restJSONWithEFS() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let systems = try await EFSClient(gate.awsClient()).describeFileSystems().collect { $0 }
            #expect(systems.allSatisfy { $0.FileSystemId.hasPrefix("fs-") })
            do {
                _ = try await EFSClient(gate.awsClient()).describeFileSystems(id: "fs-00000000").collect { $0 }
                Issue.record("an unknown file system should be an error")
            } catch let error as AWSServiceError {
                #expect(error.code == "FileSystemNotFound")
                #expect(error.httpStatus == 404)
            }
            try gate.client.expectNoRejections()
        }

        @Test func ec2QueryFindsTheDefaultVPC() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let vpcs = try await EC2Client(gate.awsClient()).describeVpcs(filters: [.init(name: "is-default", values: ["true"])]).collect { $0 }
            #expect(vpcs.count == 1)
            #expect(vpcs.first?.cidrBlock == "172.31.0.0/16")
            try gate.client.expectNoRejections()
        }

        @Test func restXMLWithS3ObjectsRoundTrip() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let s3 = S3Client(gate.awsClient())
            let bucket = "berth-it-\(UInt32.random(in: 0...UInt32.max))"
            try await s3.createBucket(bucket)
            let keys = ["plain.txt", "with space/ü-ñ.json", "a+b=c&d.txt"]
            for (index, key) in keys.enumerated() {
                _ = try await s3.putObject(bucket: bucket, key: key, body: Data("body \(index)".utf8))
            }
            for (index, key) in keys.enumerated() {
                #expect(try await s3.getObject(bucket: bucket, key: key) == Data("body \(index)".utf8))
            }
            let listed = try await s3.listObjectsV2(bucket: bucket).collect { $0 }
            #expect(Set(listed.map(\.Key)) == Set(keys))
            #expect(try await s3.listObjectsV2(bucket: bucket, prefix: "with space/").collect { $0 }.map(\.Key) == ["with space/ü-ñ.json"])
            try gate.client.expectNoRejections()
        }
    }
}
