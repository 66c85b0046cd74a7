import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// EFS access points through the gate, including the retried-create answer that carries the existing id.
    @Suite struct EFSClientRoundTrip {
        @Test func accessPointLifecycleAndTokenReuse() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let efs = EFSClient(gate.awsClient())
            let suffix = UInt32.random(in: 0...UInt32.max)
            let fileSystem = try await efs.createFileSystem(creationToken: "berth-it-fs-\(suffix)", tags: [.init(Key: "Name", Value: "berth-it")])
            do {
                _ = try await efs.createFileSystem(creationToken: "berth-it-fs-\(suffix)")
                Issue.record("a used creation token should be refused")
            } catch let error as AWSServiceError {
                #expect(error.existingFileSystemId == fileSystem.FileSystemId)
            }

            let token = "berth-it-ap-\(suffix)"
            let root = EFSClient.RootDirectory(Path: "/web/uploads", CreationInfo: .init(OwnerUid: 1000, OwnerGid: 1000, Permissions: "0755"))
            let created = try await efs.createAccessPoint(
                clientToken: token, fileSystemId: fileSystem.FileSystemId, posixUser: .init(Uid: 1000, Gid: 1000), rootDirectory: root,
                tags: [.init(Key: "berth:volume", Value: "uploads")])
            #expect(created.AccessPointId.hasPrefix("fsap-"))

            do {
                _ = try await efs.createAccessPoint(clientToken: token, fileSystemId: fileSystem.FileSystemId, rootDirectory: root)
                Issue.record("a reused client token should be refused")
            } catch let error as AWSServiceError {
                #expect(error.isAccessPointAlreadyExists)
                #expect(error.httpStatus == 409)
                #expect(error.existingAccessPointId == created.AccessPointId)
            }

            let listed = try await efs.describeAccessPoints(fileSystemId: fileSystem.FileSystemId).collect { $0 }
            #expect(listed.map(\.AccessPointId) == [created.AccessPointId])
            let point = try #require(listed.first)
            #expect(point.PosixUser == .init(Uid: 1000, Gid: 1000))
            #expect(point.RootDirectory == root)
            #expect(point.ClientToken == token)
            #expect(point.Tags?.contains(.init(Key: "berth:volume", Value: "uploads")) == true)
            #expect(try await efs.describeAccessPoints(accessPointId: created.AccessPointId).collect { $0 }.count == 1)

            try await efs.tagResource(id: created.AccessPointId, tags: [.init(Key: "berth:project", Value: "it")])
            #expect(try await efs.describeMountTargets(fileSystemId: fileSystem.FileSystemId).collect { $0 }.isEmpty)

            try await efs.deleteAccessPoint(id: created.AccessPointId)
            do {
                _ = try await efs.describeAccessPoints(accessPointId: created.AccessPointId).collect { $0 }
                Issue.record("a deleted access point should be gone")
            } catch let error as AWSServiceError {
                #expect(error.isAccessPointNotFound)
            }
            // Deleting frees the token.
            let again = try await efs.createAccessPoint(clientToken: token, fileSystemId: fileSystem.FileSystemId, rootDirectory: root)
            try await efs.deleteAccessPoint(id: again.AccessPointId)
            try await efs.deleteFileSystem(id: fileSystem.FileSystemId)
            try gate.client.expectNoRejections()
        }
    }
}
