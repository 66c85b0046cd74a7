import Foundation
import SigV4
import Testing

struct SigV4SignerTests {
    let signer = SigV4Signer(
        credentials: AWSCredentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        service: "s3", region: "us-east-1")
    let date = Date(timeIntervalSince1970: 1_369_353_600)  // 20130524T000000Z, the S3 docs' example day

    /// The S3 documentation's "GET object" example (sig-v4-header-based-auth).
    @Test func s3GetObjectExample() {
        let request = SignableRequest(
            method: "GET", path: "/test.txt",
            headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9")])
        let signed = signer.sign(request, date: date)
        #expect(signed.header("x-amz-content-sha256") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            signed.header("Authorization")
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        )
    }

    /// The S3 documentation's presigned URL example.
    @Test func s3PresignExample() {
        let query = signer.presign(method: "GET", path: "/test.txt", host: "examplebucket.s3.amazonaws.com", expires: 86400, date: date)
        #expect(query.hasSuffix("X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"))
    }

    @Test func s3PathIsNotNormalized() {
        let request = SignableRequest(method: "GET", path: "/bucket/a//b/./c", headers: [("Host", "h")])
        let canonical = CanonicalRequest(request: request, payloadHash: "x", normalizePath: false)
        #expect(canonical.uri == "/bucket/a//b/./c")
    }

    @Test func otherServicesEncodePercentAgain() {
        let request = SignableRequest(method: "GET", path: "/a%20b", headers: [("Host", "h")])
        #expect(CanonicalRequest(request: request, payloadHash: "x", normalizePath: true).uri == "/a%2520b")
    }

    @Test func credentialsNeverPrintTheSecret() {
        let credentials = AWSCredentials(accessKeyId: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN")
        #expect(!"\(credentials)".contains("SECRET"))
        #expect(!"\(credentials)".contains("TOKEN"))
    }
}
