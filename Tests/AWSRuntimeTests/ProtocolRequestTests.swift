import AWSRuntime
import AWSServices
import BerthJSON
import BerthTesting
import Foundation
import SigV4
import Testing

/// Each protocol's wire form, checked header by header against what the AWS models require.
struct ProtocolRequestTests {
    @Test func jsonProtocolSetsTargetAndContentType() async throws {
        let transport = FakeTransport { _, _ in FakeTransport.json(200, #"{"clusterArns":["arn:a"]}"#) }
        let client = AWSClient.forTesting(transport: transport, endpoint: "http://127.0.0.1:4566")
        let arns = try await ECSClient(client).listClusters().collect { $0.clusterArns ?? [] }
        #expect(arns == ["arn:a"])
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "http://127.0.0.1:4566/")
        #expect(request.header("X-Amz-Target") == "AmazonEC2ContainerServiceV20141113.ListClusters")
        #expect(request.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(request.header("Host") == "127.0.0.1:4566")
        #expect(request.header("Authorization")?.contains("/us-east-1/ecs/aws4_request") == true)
        #expect(String(decoding: request.body, as: UTF8.self) == "{}")
    }

    @Test func queryProtocolFormEncodesActionVersionAndLists() async throws {
        let transport = FakeTransport { _, _ in
            FakeTransport.xml(200, "<DescribeStacksResponse><DescribeStacksResult><Stacks/></DescribeStacksResult></DescribeStacksResponse>")
        }
        let client = AWSClient.forTesting(transport: transport)
        #expect(try await CloudFormationClient(client).describeStacks(name: "site-dev").isEmpty)
        let request = try #require(transport.requests.first)
        #expect(String(decoding: request.body, as: UTF8.self) == "Action=DescribeStacks&Version=2010-05-15&StackName=site-dev")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
    }

    @Test func ec2ListsAreNumberedWithoutMember() async throws {
        let transport = FakeTransport { _, _ in
            FakeTransport.xml(
                200,
                """
                <DescribeVpcsResponse><requestId>r</requestId><vpcSet><item><vpcId>vpc-1</vpcId><isDefault>true</isDefault></item>\
                <item><vpcId>vpc-2</vpcId><isDefault>false</isDefault></item></vpcSet></DescribeVpcsResponse>
                """)
        }
        let client = AWSClient.forTesting(transport: transport)
        let vpcs = try await EC2Client(client).describeVpcs(filters: [.init(name: "tag:berth:project", values: ["site", "web"])]).collect { $0 }
        #expect(vpcs.map(\.vpcId) == ["vpc-1", "vpc-2"])
        #expect(vpcs.first?.isDefault == true)
        let body = String(decoding: try #require(transport.requests.first).body, as: UTF8.self)
        #expect(body == "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=tag%3Aberth%3Aproject&Filter.1.Value.1=site&Filter.1.Value.2=web")
    }

    @Test func restJSONPathQueryAndSigningName() async throws {
        let transport = FakeTransport { _, _ in
            FakeTransport.json(200, #"{"FileSystems":[{"FileSystemId":"fs-1","LifeCycleState":"available"}]}"#)
        }
        let client = AWSClient.forTesting(transport: transport)
        let systems = try await EFSClient(client).describeFileSystems(id: "fs-1").collect { $0 }
        #expect(systems.map(\.FileSystemId) == ["fs-1"])
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.url.path == "/2015-02-01/file-systems")
        #expect(request.url.query == "FileSystemId=fs-1")
        #expect(request.header("Authorization")?.contains("/elasticfilesystem/aws4_request") == true)
    }

    @Test func s3IsPathStyleUnderAnOverrideAndSignsThePayload() async throws {
        let transport = FakeTransport { _, _ in HTTPResponse(status: 200, headers: ["etag": "\"abc\""]) }
        let client = AWSClient.forTesting(transport: transport, endpoint: "http://127.0.0.1:4566")
        let etag = try await S3Client(client).putObject(bucket: "backups", key: "a b/ü.txt", body: Data("hi".utf8))
        #expect(etag == "\"abc\"")
        let request = try #require(transport.requests.first)
        #expect(request.url.absoluteString == "http://127.0.0.1:4566/backups/a%20b/%C3%BC.txt")
        #expect(request.header("x-amz-content-sha256") == "8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4")
    }

    @Test func s3IsVirtualHostedOnAWS() async throws {
        let transport = FakeTransport { _, _ in HTTPResponse(status: 200) }
        let client = AWSClient(
            region: "eu-west-1", credentials: StaticCredentialProvider(.init(accessKeyId: "a", secretAccessKey: "b"), source: "t"),
            transport: transport, endpoints: EndpointResolver(environment: [:], profile: ProfileSettings(name: "default")), retryPolicy: .noRetry)
        _ = try await S3Client(client).getObject(bucket: "backups", key: "x.tar")
        #expect(try #require(transport.requests.first).url.absoluteString == "https://backups.s3.eu-west-1.amazonaws.com/x.tar")
    }
}
