import AWSRuntime
import Foundation

/// Amazon Elastic Container Registry (awsJson1_1). The API host is `api.ecr.REGION…`, signed as `ecr`.
package struct ECRClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "ECR", endpointPrefix: "api.ecr", signingName: "ecr", serviceId: "ECR",
        protocol: .json(version: "1.1", targetPrefix: "AmazonEC2ContainerRegistry_V20150921"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    /// Images of a repository, or those with the given ids (e.g. `.init(imageTag: "latest")`):
    /// their digests, tags and push times, for pinning a task definition to a digest.
    package func describeImages(repositoryName: String, imageIds: [ImageIdentifier]? = nil) -> Paginator<[ImageDetail]> {
        Paginator { token in
            let page: DescribeImagesOutput = try await client.json(
                Self.descriptor, operation: "DescribeImages",
                input: DescribeImagesInput(repositoryName: repositoryName, imageIds: imageIds, nextToken: token), idempotent: true)
            return (page.imageDetails ?? [], page.nextToken)
        }
    }

    /// All repositories of the registry, or the named ones (a missing name is `RepositoryNotFoundException`).
    package func describeRepositories(names: [String]? = nil) -> Paginator<[Repository]> {
        Paginator { token in
            let page: DescribeRepositoriesOutput = try await client.json(
                Self.descriptor, operation: "DescribeRepositories", input: DescribeRepositoriesInput(repositoryNames: names, nextToken: token),
                idempotent: true)
            return (page.repositories ?? [], page.nextToken)
        }
    }

    /// A `docker login` credential for the registry: base64 of `AWS:PASSWORD`, valid 12 hours.
    package func getAuthorizationToken() async throws -> [AuthorizationData] {
        let output: GetAuthorizationTokenOutput = try await client.json(
            Self.descriptor, operation: "GetAuthorizationToken", input: EmptyInput(), idempotent: true)
        return output.authorizationData ?? []
    }

    /// Manifests of images by tag or digest; ids not found come back in `failures`.
    package func batchGetImage(repositoryName: String, imageIds: [ImageIdentifier], acceptedMediaTypes: [String]? = nil) async throws
        -> BatchGetImageOutput
    {
        try await client.json(
            Self.descriptor, operation: "BatchGetImage",
            input: BatchGetImageInput(repositoryName: repositoryName, imageIds: imageIds, acceptedMediaTypes: acceptedMediaTypes),
            idempotent: true)
    }
}

extension AWSServiceError {
    package var isRepositoryNotFound: Bool { code == "RepositoryNotFoundException" }

    package var isImageNotFound: Bool { code == "ImageNotFoundException" }
}
