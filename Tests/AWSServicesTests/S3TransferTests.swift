import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

/// Multipart uploads and ranged GETs as S3 takes them: every part but the last at least 5 MiB,
/// at most 10,000 parts, the completion listing parts in ascending order with their ETags.
struct S3TransferTests {
    @Test func partSizesStayWithinS3sLimits() {
        let mib = 1024 * 1024
        #expect(S3Client.partSize(for: 100 * 1_000_000) == 8 * mib)
        #expect(S3Client.partSize(for: 1, preferred: 1024) == 5 * mib, "never under S3's minimum")
        // 200 GB in 8 MiB parts would be 23,842 parts: the part grows instead.
        let large: Int64 = 200_000_000_000
        let part = S3Client.partSize(for: large)
        #expect((large + Int64(part) - 1) / Int64(part) <= Int64(S3Client.maximumParts))
        // 5 TiB, S3's largest object, still fits.
        let largest: Int64 = 5 * 1024 * 1024 * 1024 * 1024
        #expect((largest + Int64(S3Client.partSize(for: largest)) - 1) / Int64(S3Client.partSize(for: largest)) <= 10_000)
    }

    @Test func aMultipartUploadsRequests() async throws {
        let transport = FakeTransport { request, _ in
            if request.method == "POST" && request.url.query?.hasPrefix("uploads") == true {
                return FakeTransport.xml(
                    200, "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>up-1</UploadId></InitiateMultipartUploadResult>")
            }
            if request.method == "PUT" {
                let number = request.url.query?.split(separator: "&").first { $0.hasPrefix("partNumber=") }?.dropFirst(11) ?? "?"
                return HTTPResponse(status: 200, headers: ["etag": "\"etag-\(number)\""])
            }
            return FakeTransport.xml(200, "<CompleteMultipartUploadResult><Key>k</Key></CompleteMultipartUploadResult>")
        }
        let s3 = S3Client(AWSClient.forTesting(transport: transport, endpoint: "http://127.0.0.1:1", region: "eu-west-1"))
        let id = try await s3.createMultipartUpload(bucket: "b", key: "dev/data/20261204T030000Z/data.tar.gz", contentType: "application/gzip")
        #expect(id == "up-1")
        let second = try await s3.uploadPart(bucket: "b", key: "k", uploadId: id, partNumber: 2, body: Data("b".utf8))
        let first = try await s3.uploadPart(bucket: "b", key: "k", uploadId: id, partNumber: 1, body: Data("a".utf8))
        try await s3.completeMultipartUpload(bucket: "b", key: "k", uploadId: id, parts: [(2, second), (1, first)])
        let requests = transport.requests
        #expect(requests[0].method == "POST" && requests[0].url.path == "/b/dev/data/20261204T030000Z/data.tar.gz")
        #expect(requests[0].url.query == "uploads=")
        #expect(requests[1].method == "PUT" && requests[1].url.query == "partNumber=2&uploadId=up-1")
        let completion = String(decoding: requests[3].body, as: UTF8.self)
        #expect(requests[3].method == "POST" && requests[3].url.query == "uploadId=up-1")
        #expect(
            completion
                == #"<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Part><PartNumber>1</PartNumber><ETag>"etag-1"</ETag></Part><Part><PartNumber>2</PartNumber><ETag>"etag-2"</ETag></Part></CompleteMultipartUpload>"#
        )
    }

    /// S3 can answer 200 and still fail a completion, with an error document as the body.
    @Test func aCompletionThatFailsInsideA200Throws() async throws {
        let transport = FakeTransport { _, _ in FakeTransport.xml(200, "<Error><Code>InternalError</Code><Message>try again</Message></Error>") }
        let s3 = S3Client(AWSClient.forTesting(transport: transport))
        await #expect(throws: (any Error).self) { try await s3.completeMultipartUpload(bucket: "b", key: "k", uploadId: "u", parts: [(1, "e")]) }
    }

    @Test func aRangedGetAsksForItsBytesAndChecksTheirCount() async throws {
        let transport = FakeTransport { request, _ in
            HTTPResponse(status: 206, body: Data(repeating: 1, count: request.header("Range") == "bytes=8-15" ? 8 : 3))
        }
        let s3 = S3Client(AWSClient.forTesting(transport: transport))
        #expect(try await s3.getObject(bucket: "b", key: "k", range: 8...15).count == 8)
        await #expect(throws: (any Error).self) { try await s3.getObject(bucket: "b", key: "k", range: 0...7) }
    }
}
