import AWSRuntime
import Foundation

/// Large objects in parts, as the AWS CLI moves them: a multipart upload of parts read one at a
/// time from a file, and ranged GETs. Memory stays at a few parts however large the object, and
/// each part is a point to report progress at.
///
/// What S3 enforces (Amazon S3 multipart upload limits): every part but the last is at least
/// 5 MiB, at most 10,000 parts numbered 1 to 10,000, an object up to 5 TiB; a completed upload
/// lists its parts in ascending order with the ETag each UploadPart answered; an upload neither
/// completed nor aborted keeps its parts (and their cost) until a lifecycle rule removes them.
extension S3Client {
    /// S3's smallest part but the last.
    package static let minimumPartSize = 5 * 1024 * 1024
    package static let maximumParts = 10_000

    /// The part size for an object of `size` bytes: `preferred`, grown as far as needed to stay
    /// within 10,000 parts, never under S3's minimum.
    package static func partSize(for size: Int64, preferred: Int = 8 * 1024 * 1024) -> Int {
        let needed = Int((size + Int64(maximumParts) - 1) / Int64(maximumParts))
        return max(minimumPartSize, preferred, needed)
    }

    package func createMultipartUpload(bucket: String, key: String, contentType: String = "application/octet-stream") async throws -> String {
        struct Output: Decodable { var UploadId: String }
        let response = try await client.send(
            AWSRequest(
                service: Self.descriptor, operation: "CreateMultipartUpload", method: "POST", path: Self.keyPath(key), query: [("uploads", "")],
                headers: [("Content-Type", contentType)], isIdempotent: false, s3Bucket: bucket))
        return try Self.decodeXML(Output.self, response, answering: "CreateMultipartUpload").UploadId
    }

    /// One part; sending it again replaces it, so it is retried like a read. Answers its ETag.
    package func uploadPart(bucket: String, key: String, uploadId: String, partNumber: Int, body: Data) async throws -> String {
        let response = try await client.send(
            AWSRequest(
                service: Self.descriptor, operation: "UploadPart", method: "PUT", path: Self.keyPath(key),
                query: [("partNumber", String(partNumber)), ("uploadId", uploadId)], body: body, isIdempotent: true, s3Bucket: bucket))
        guard let etag = response.headers["etag"] else { throw AWSClientError("S3 UploadPart answered without an ETag") }
        return etag
    }

    /// Joins the parts, in ascending part number, into the object.
    package func completeMultipartUpload(bucket: String, key: String, uploadId: String, parts: [(number: Int, etag: String)]) async throws {
        let body =
            "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + parts.sorted { $0.number < $1.number }.map {
                "<Part><PartNumber>\($0.number)</PartNumber><ETag>\(XMLTree.escapedText($0.etag))</ETag></Part>"
            }
            .joined() + "</CompleteMultipartUpload>"
        let response = try await client.send(
            AWSRequest(
                service: Self.descriptor, operation: "CompleteMultipartUpload", method: "POST", path: Self.keyPath(key),
                query: [("uploadId", uploadId)], headers: [("Content-Type", "application/xml")], body: Data(body.utf8), isIdempotent: true,
                s3Bucket: bucket))
        // S3 may answer 200 with an error document once the parts are being joined.
        if let tree = XMLTree.parse(response.body), tree.name == "Error" {
            throw AWSClientError("S3 CompleteMultipartUpload failed: \(tree.child("Code")?.text ?? "") \(tree.child("Message")?.text ?? "")")
        }
    }

    /// Drops an unfinished upload's parts.
    package func abortMultipartUpload(bucket: String, key: String, uploadId: String) async throws {
        _ = try await client.send(
            AWSRequest(
                service: Self.descriptor, operation: "AbortMultipartUpload", method: "DELETE", path: Self.keyPath(key),
                query: [("uploadId", uploadId)], isIdempotent: true, s3Bucket: bucket))
    }

    /// The object's size in bytes.
    package func objectSize(bucket: String, key: String) async throws -> Int64 {
        let response = try await client.send(
            AWSRequest(
                service: Self.descriptor, operation: "HeadObject", method: "HEAD", path: Self.keyPath(key), isIdempotent: true, s3Bucket: bucket))
        guard let length = response.headers["content-length"].flatMap({ Int64($0) }) else {
            throw AWSClientError("S3 HeadObject answered without a Content-Length")
        }
        return length
    }

    /// Bytes `range` of the object (a ranged GET, answered 206).
    package func getObject(bucket: String, key: String, range: ClosedRange<Int64>) async throws -> Data {
        let response = try await client.send(
            AWSRequest(
                service: Self.descriptor, operation: "GetObject", method: "GET", path: Self.keyPath(key),
                headers: [("Range", "bytes=\(range.lowerBound)-\(range.upperBound)")], isIdempotent: true, s3Bucket: bucket))
        guard response.body.count == range.count else {
            throw AWSClientError("S3 answered \(response.body.count) bytes for a range of \(range.count)")
        }
        return response.body
    }

    static func decodeXML<Output: Decodable>(_ type: Output.Type, _ response: AWSResponse, answering operation: String) throws -> Output {
        guard let tree = XMLTree.parse(response.body) else { throw AWSClientError("S3 \(operation) answered with XML that does not parse") }
        return try XMLTreeDecoder().decode(type, from: tree)
    }
}
