import AWSRuntime

extension ECRClient {
    struct BatchDeleteImageInput: Encodable {
        var repositoryName: String
        var imageIds: [ImageIdentifier]
    }

    struct BatchDeleteImageOutput: Decodable {
        var imageIds: [ImageIdentifier]?
    }

    /// Deletes images by digest (at most 100 per call, as ECR allows); images already gone are
    /// reported by ECR as failures, not errors, so a repeat is harmless.
    public func batchDeleteImage(repositoryName: String, digests: [String]) async throws {
        for start in stride(from: 0, to: digests.count, by: 100) {
            let chunk = digests[start..<min(start + 100, digests.count)].map { ImageIdentifier(imageDigest: $0) }
            let _: BatchDeleteImageOutput = try await client.json(
                Self.descriptor, operation: "BatchDeleteImage", input: BatchDeleteImageInput(repositoryName: repositoryName, imageIds: chunk),
                idempotent: true)
        }
    }
}
