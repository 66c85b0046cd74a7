import AWSRuntime
import AWSServices
import Foundation
import SigV4
import StackTemplates

/// Puts templates too big to send inline into the artifacts bucket and returns their URL.
///
/// CloudFormation takes at most 51,200 bytes in `TemplateBody`, and up to 1 MB from S3
/// (`TemplateURL`). The bucket is `Names.artifactsBucket`, in the stack's region as CloudFormation
/// requires. New buckets are encrypted and block public
/// access by default on AWS. Keys hold the stack name and the template's SHA-256, so the same
/// template is the same object and a re-upload is harmless.
struct TemplateUploader: Sendable {
    /// CloudFormation's `TemplateBody` limit, in bytes of UTF-8.
    static let inlineLimit = 51_200

    let client: AWSClient
    /// Overrides the derived bucket name.
    let bucket: String?

    static func key(stackName: String, template: String) -> String {
        "cloudformation/\(stackName)/\(sha256Hex(Data(template.utf8))).template"
    }

    /// The AWS form CloudFormation resolves; it names the region so the bucket need not be in us-east-1.
    static func url(bucket: String, key: String, region: String) -> String {
        "https://s3.\(region).amazonaws.com/\(bucket)/\(URIEncoding.encode(key, keepSlash: true))"
    }

    /// The template inline when it fits, otherwise uploaded (creating the bucket if needed).
    func source(for request: StackRequest, onEvent: (DeployEvent) -> Void) async throws -> CloudFormationClient.TemplateSource {
        let bytes = request.templateBody.utf8.count
        guard bytes > Self.inlineLimit else { return .body(request.templateBody) }
        let s3 = S3Client(client)
        let bucket = try await bucketName()
        let key = Self.key(stackName: request.name, template: request.templateBody)
        let url = Self.url(bucket: bucket, key: key, region: client.region)
        onEvent(.step(.uploadingTemplate(url: url, bytes: bytes)))
        try await s3.ensureBucket(bucket)
        _ = try await s3.putObject(bucket: bucket, key: key, body: Data(request.templateBody.utf8), contentType: "text/plain; charset=utf-8")
        return .url(url)
    }

    private func bucketName() async throws -> String {
        if let bucket { return bucket }
        let account = try await STSClient(client).accountId()
        return Names.artifactsBucket(account: account, region: client.region)
    }
}
