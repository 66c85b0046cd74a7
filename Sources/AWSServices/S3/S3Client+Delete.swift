import AWSRuntime
import Foundation

extension S3Client {
    package struct ObjectVersion: Decodable, Sendable, Equatable {
        package var Key: String
        package var VersionId: String?
    }

    struct ListObjectVersionsOutput: Decodable {
        var Version: [ObjectVersion]?
        var DeleteMarker: [ObjectVersion]?
        var IsTruncated: Bool?
        var NextKeyMarker: String?
        var NextVersionIdMarker: String?
    }

    /// Every version and delete marker: a versioned bucket can only be deleted once all are gone.
    package func listObjectVersions(bucket: String) -> Paginator<[ObjectVersion]> {
        Paginator { marker in
            var query: [(String, String)] = [("versions", "")]
            if let marker {
                let parts = marker.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                query.append(("key-marker", parts[0]))
                if parts.count > 1, !parts[1].isEmpty { query.append(("version-id-marker", parts[1])) }
            }
            let response = try await client.send(
                AWSRequest(
                    service: Self.descriptor, operation: "ListObjectVersions", method: "GET", path: "/", query: query, isIdempotent: true,
                    s3Bucket: bucket))
            guard let tree = XMLTree.parse(response.body) else { throw AWSClientError("S3 ListObjectVersions answered with XML that does not parse") }
            let page = try XMLTreeDecoder().decode(ListObjectVersionsOutput.self, from: tree)
            let next = page.IsTruncated == true ? "\(page.NextKeyMarker ?? "")\n\(page.NextVersionIdMarker ?? "")" : nil
            return ((page.Version ?? []) + (page.DeleteMarker ?? []), next)
        }
    }

    package func deleteObject(bucket: String, key: String, versionId: String? = nil) async throws {
        var query: [(String, String)] = []
        if let versionId { query.append(("versionId", versionId)) }
        _ = try await client.send(
            AWSRequest(
                service: Self.descriptor, operation: "DeleteObject", method: "DELETE", path: Self.keyPath(key), query: query, isIdempotent: true,
                s3Bucket: bucket))
    }

    package func deleteBucket(_ bucket: String) async throws {
        _ = try await client.send(
            AWSRequest(service: Self.descriptor, operation: "DeleteBucket", method: "DELETE", path: "/", isIdempotent: true, s3Bucket: bucket))
    }
}
