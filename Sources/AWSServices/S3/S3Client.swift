import AWSRuntime
import Foundation
import SigV4

/// Amazon S3 (restXml). Path-style under an endpoint override, virtual-hosted on AWS.
package struct S3Client: Sendable {
    package static let descriptor = ServiceDescriptor(name: "S3", endpointPrefix: "s3", serviceId: "S3", protocol: .restXML)
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    /// Object keys keep `/` and encode everything else that is not unreserved.
    static func keyPath(_ key: String) -> String {
        "/" + URIEncoding.encode(key, keepSlash: true)
    }

    package func createBucket(_ bucket: String) async throws {
        var body = Data()
        if client.region != "us-east-1" {
            body = Data(
                "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>\(client.region)</LocationConstraint></CreateBucketConfiguration>"
                    .utf8)
        }
        _ = try await client.send(
            AWSRequest(
                service: Self.descriptor, operation: "CreateBucket", method: "PUT", path: "/", body: body, isIdempotent: true, s3Bucket: bucket))
    }

    /// Creates the bucket unless it is there already; one another run made in between is just as good.
    package func ensureBucket(_ bucket: String) async throws {
        guard try await !headBucket(bucket) else { return }
        do {
            try await createBucket(bucket)
        } catch let error as AWSServiceError where error.code == "BucketAlreadyOwnedByYou" {}
    }

    /// Whether the bucket exists and this identity may use it; a 404 is `false`, not an error.
    package func headBucket(_ bucket: String) async throws -> Bool {
        do {
            _ = try await client.send(
                AWSRequest(service: Self.descriptor, operation: "HeadBucket", method: "HEAD", path: "/", isIdempotent: true, s3Bucket: bucket))
            return true
        } catch let error as AWSServiceError where error.httpStatus == 404 {
            return false
        }
    }

    /// PUT of a whole object: repeating it leaves the same object, so it is retried like a read.
    package func putObject(bucket: String, key: String, body: Data, contentType: String = "application/octet-stream") async throws -> String? {
        let response = try await client.send(
            AWSRequest(
                service: Self.descriptor, operation: "PutObject", method: "PUT", path: Self.keyPath(key),
                headers: [("Content-Type", contentType)], body: body, isIdempotent: true, s3Bucket: bucket))
        return response.headers["etag"]
    }

    package func getObject(bucket: String, key: String) async throws -> Data {
        try await client.send(
            AWSRequest(service: Self.descriptor, operation: "GetObject", method: "GET", path: Self.keyPath(key), isIdempotent: true, s3Bucket: bucket)
        ).body
    }

    package struct Object: Decodable, Sendable, Equatable {
        package var Key: String
        package var Size: Int?
        package var ETag: String?
        package var LastModified: Date?
    }

    struct ListObjectsV2Output: Decodable {
        var Contents: [Object]?
        var IsTruncated: Bool?
        var NextContinuationToken: String?
    }

    package func listObjectsV2(bucket: String, prefix: String? = nil) -> Paginator<[Object]> {
        Paginator { token in
            var query: [(String, String)] = [("list-type", "2")]
            if let prefix { query.append(("prefix", prefix)) }
            if let token { query.append(("continuation-token", token)) }
            let response = try await client.send(
                AWSRequest(
                    service: Self.descriptor, operation: "ListObjectsV2", method: "GET", path: "/", query: query, isIdempotent: true, s3Bucket: bucket
                ))
            guard let tree = XMLTree.parse(response.body) else {
                throw AWSClientError("S3 ListObjectsV2 answered with XML that does not parse")
            }
            let page = try XMLTreeDecoder().decode(ListObjectsV2Output.self, from: tree)
            return (page.Contents ?? [], page.IsTruncated == true ? page.NextContinuationToken : nil)
        }
    }
}
