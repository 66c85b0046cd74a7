import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import SigV4
import Testing

/// EFS (restJson1): methods, paths, query members and bodies as the EFS model places them.
struct EFSRequestTests {
    static let accessPoint = #"""
        {"AccessPointId":"fsap-0123","AccessPointArn":"arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123",
         "ClientToken":"site-web-uploads","FileSystemId":"fs-1","PosixUser":{"Uid":1000,"Gid":1000},
         "RootDirectory":{"Path":"/web/uploads","CreationInfo":{"OwnerUid":1000,"OwnerGid":1000,"Permissions":"0755"}},
         "Tags":[{"Key":"berth:volume","Value":"uploads"}],"LifeCycleState":"available"}
        """#

    @Test func createAccessPointPostsTheTokenPosixUserAndRootDirectory() async throws {
        let transport = Shape.answering(Self.accessPoint)
        let efs = EFSClient(AWSClient.forTesting(transport: transport))
        let created = try await efs.createAccessPoint(
            clientToken: "site-web-uploads", fileSystemId: "fs-1", posixUser: .init(Uid: 1000, Gid: 1000),
            rootDirectory: .init(Path: "/web/uploads", CreationInfo: .init(OwnerUid: 1000, OwnerGid: 1000, Permissions: "0755")),
            tags: [.init(Key: "berth:volume", Value: "uploads")])
        #expect(created.AccessPointId == "fsap-0123")
        #expect(created.RootDirectory?.CreationInfo?.Permissions == "0755")
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.path == "/2015-02-01/access-points")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.signingService == "elasticfilesystem")
        #expect(
            try Shape.body(request)
                == Shape.json(
                    #"""
                    {"ClientToken":"site-web-uploads","FileSystemId":"fs-1","PosixUser":{"Uid":1000,"Gid":1000},
                     "RootDirectory":{"Path":"/web/uploads","CreationInfo":{"OwnerUid":1000,"OwnerGid":1000,"Permissions":"0755"}},
                     "Tags":[{"Key":"berth:volume","Value":"uploads"}]}
                    """#))
    }

    @Test func aReusedTokenSurfacesTheExistingAccessPointId() async throws {
        let transport = FakeTransport { _, _ in
            FakeTransport.json(
                409, #"{"ErrorCode":"AccessPointAlreadyExists","Message":"exists","AccessPointId":"fsap-0123"}"#,
                headers: ["x-amzn-errortype": "AccessPointAlreadyExists"])
        }
        let efs = EFSClient(AWSClient.forTesting(transport: transport))
        do {
            _ = try await efs.createAccessPoint(clientToken: "t", fileSystemId: "fs-1")
            Issue.record("a reused token should fail")
        } catch let error as AWSServiceError {
            #expect(error.isAccessPointAlreadyExists)
            #expect(error.existingAccessPointId == "fsap-0123")
            #expect(error.httpStatus == 409)
        }
    }

    @Test func describeAccessPointsPagesWithNextTokenInTheQuery() async throws {
        let transport = FakeTransport { _, index in
            FakeTransport.json(200, index == 0 ? #"{"AccessPoints":[\#(Self.accessPoint)],"NextToken":"n1"}"# : #"{"AccessPoints":[]}"#)
        }
        let efs = EFSClient(AWSClient.forTesting(transport: transport))
        let points = try await efs.describeAccessPoints(fileSystemId: "fs-1").collect { $0 }
        #expect(points.map(\.AccessPointId) == ["fsap-0123"])
        #expect(transport.requests.map(\.method) == ["GET", "GET"])
        #expect(transport.requests.map { $0.url.query } == ["FileSystemId=fs-1", "FileSystemId=fs-1&NextToken=n1"])
        #expect(transport.requests[0].body.isEmpty)
    }

    @Test func deleteTagAndMountTargetPaths() async throws {
        let transport = FakeTransport { request, _ in
            if request.url.path.hasPrefix("/2015-02-01/mount-targets") {
                return FakeTransport.json(
                    200, #"{"MountTargets":[{"MountTargetId":"fsmt-1","FileSystemId":"fs-1","SubnetId":"subnet-1","LifeCycleState":"available"}]}"#)
            }
            return HTTPResponse(status: request.method == "DELETE" ? 204 : 200)
        }
        let efs = EFSClient(AWSClient.forTesting(transport: transport))
        try await efs.deleteAccessPoint(id: "fsap-0123")
        try await efs.tagResource(id: "fsap-0123", tags: [.init(Key: "a", Value: "b")])
        let targets = try await efs.describeMountTargets(fileSystemId: "fs-1").collect { $0 }
        try await efs.deleteFileSystem(id: "fs-1")
        #expect(targets.map(\.SubnetId) == ["subnet-1"])
        #expect(
            transport.requests.map { "\($0.method) \($0.url.path)" } == [
                "DELETE /2015-02-01/access-points/fsap-0123", "POST /2015-02-01/resource-tags/fsap-0123",
                "GET /2015-02-01/mount-targets", "DELETE /2015-02-01/file-systems/fs-1",
            ])
        #expect(try Shape.body(transport.requests[1]) == Shape.json(#"{"Tags":[{"Key":"a","Value":"b"}]}"#))
        #expect(transport.requests[2].url.query == "FileSystemId=fs-1")
    }

    @Test func createFileSystemAndItsAlreadyExistsError() async throws {
        let transport = FakeTransport { _, _ in
            FakeTransport.json(409, #"{"ErrorCode":"FileSystemAlreadyExists","Message":"m","FileSystemId":"fs-9"}"#)
        }
        do {
            _ = try await EFSClient(AWSClient.forTesting(transport: transport)).createFileSystem(
                creationToken: "tok", tags: [.init(Key: "Name", Value: "x")])
            Issue.record("expected FileSystemAlreadyExists")
        } catch let error as AWSServiceError {
            #expect(error.existingFileSystemId == "fs-9")
        }
        let request = try #require(transport.requests.first)
        #expect(request.url.path == "/2015-02-01/file-systems")
        #expect(try Shape.body(request) == Shape.json(#"{"CreationToken":"tok","Encrypted":true,"Tags":[{"Key":"Name","Value":"x"}]}"#))
    }
}
