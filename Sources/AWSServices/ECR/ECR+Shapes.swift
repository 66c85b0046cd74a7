import AWSRuntime
import Foundation

extension ECRClient {
    package struct ImageIdentifier: Codable, Sendable, Equatable {
        package var imageTag: String?
        package var imageDigest: String?
        package init(imageTag: String? = nil, imageDigest: String? = nil) {
            self.imageTag = imageTag
            self.imageDigest = imageDigest
        }
    }

    package struct ImageDetail: Decodable, Sendable, Equatable {
        package var registryId: String?
        package var repositoryName: String?
        /// `sha256:…`.
        package var imageDigest: String?
        package var imageTags: [String]?
        package var imagePushedAt: Date?
        package var imageSizeInBytes: Int?
        package var imageManifestMediaType: String?
    }

    package struct Repository: Decodable, Sendable, Equatable {
        package var repositoryArn: String?
        package var registryId: String?
        package var repositoryName: String
        /// `ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME`.
        package var repositoryUri: String?
        package var createdAt: Date?
    }

    package struct AuthorizationData: Decodable, Sendable, Equatable {
        package var authorizationToken: String?
        package var expiresAt: Date?
        package var proxyEndpoint: String?
    }

    package struct Image: Decodable, Sendable, Equatable {
        package var repositoryName: String?
        package var imageId: ImageIdentifier?
        package var imageManifest: String?
        package var imageManifestMediaType: String?
    }

    package struct ImageFailure: Decodable, Sendable, Equatable {
        package var imageId: ImageIdentifier?
        package var failureCode: String?
        package var failureReason: String?
    }

    package struct BatchGetImageOutput: Decodable, Sendable, Equatable {
        package var images: [Image]?
        package var failures: [ImageFailure]?
    }

    struct DescribeImagesInput: Encodable {
        var repositoryName: String
        var imageIds: [ImageIdentifier]?
        var nextToken: String?
    }

    struct DescribeImagesOutput: Decodable {
        var imageDetails: [ImageDetail]?
        var nextToken: String?
    }

    struct DescribeRepositoriesInput: Encodable {
        var repositoryNames: [String]?
        var nextToken: String?
    }

    struct DescribeRepositoriesOutput: Decodable {
        var repositories: [Repository]?
        var nextToken: String?
    }

    struct GetAuthorizationTokenOutput: Decodable {
        var authorizationData: [AuthorizationData]?
    }

    struct BatchGetImageInput: Encodable {
        var repositoryName: String
        var imageIds: [ImageIdentifier]
        var acceptedMediaTypes: [String]?
    }
}
