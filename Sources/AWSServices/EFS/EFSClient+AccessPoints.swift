import AWSRuntime
import SigV4

extension EFSClient {
    /// Creates an access point. The token makes the call safe to retry: a second call with a
    /// token an existing access point used fails with `AccessPointAlreadyExists`, whose
    /// `existingAccessPointId` names that access point (the gate and AWS both answer so).
    /// `clientToken` is at most 64 ASCII characters.
    package func createAccessPoint(
        clientToken: String, fileSystemId: String, posixUser: PosixUser? = nil, rootDirectory: RootDirectory? = nil, tags: [Tag]? = nil
    ) async throws -> AccessPoint {
        try await client.restJSON(
            Self.descriptor, operation: "CreateAccessPoint", method: "POST", path: "/2015-02-01/access-points",
            input: CreateAccessPointInput(
                ClientToken: clientToken, FileSystemId: fileSystemId, PosixUser: posixUser, RootDirectory: rootDirectory, Tags: tags),
            idempotent: true)
    }

    /// The access points of one file system, or the one with `accessPointId` (give one of them, or neither for all).
    package func describeAccessPoints(fileSystemId: String? = nil, accessPointId: String? = nil) -> Paginator<[AccessPoint]> {
        Paginator { token in
            var query: [(String, String)] = []
            if let fileSystemId { query.append(("FileSystemId", fileSystemId)) }
            if let accessPointId { query.append(("AccessPointId", accessPointId)) }
            if let token { query.append(("NextToken", token)) }
            let page: DescribeAccessPointsOutput = try await client.restJSON(
                Self.descriptor, operation: "DescribeAccessPoints", method: "GET", path: "/2015-02-01/access-points", query: query,
                idempotent: true)
            return (page.AccessPoints ?? [], page.NextToken)
        }
    }

    package func deleteAccessPoint(id: String) async throws {
        let _: EmptyOutput = try await client.restJSON(
            Self.descriptor, operation: "DeleteAccessPoint", method: "DELETE", path: "/2015-02-01/access-points/\(URIEncoding.encode(id))",
            idempotent: true)
    }

    /// Adds or overwrites tags on a file system or an access point (by id).
    package func tagResource(id: String, tags: [Tag]) async throws {
        let _: EmptyOutput = try await client.restJSON(
            Self.descriptor, operation: "TagResource", method: "POST", path: "/2015-02-01/resource-tags/\(URIEncoding.encode(id))",
            input: TagResourceInput(Tags: tags), idempotent: true)
    }
}
