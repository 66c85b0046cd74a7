import AWSRuntime
import Foundation

extension ECRClient {
    public struct ImageIdentifier: Codable, Sendable, Equatable {
        public var imageTag: String?
        public var imageDigest: String?
        public init(imageTag: String? = nil, imageDigest: String? = nil) {
            self.imageTag = imageTag
            self.imageDigest = imageDigest
        }
    }

    public struct ImageDetail: Decodable, Sendable, Equatable {
        public var registryId: String?
        public var repositoryName: String?
        /// `sha256:…`.
        public var imageDigest: String?
        public var imageTags: [String]?
        public var imagePushedAt: Date?
        public var imageSizeInBytes: Int?
        public var imageManifestMediaType: String?
    }

    public struct Repository: Decodable, Sendable, Equatable {
        public var repositoryArn: String?
        public var registryId: String?
        public var repositoryName: String
        /// `ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME`.
        public var repositoryUri: String?
        public var createdAt: Date?
    }

    public struct AuthorizationData: Decodable, Sendable, Equatable {
        public var authorizationToken: String?
        public var expiresAt: Date?
        public var proxyEndpoint: String?
    }

    public struct Image: Decodable, Sendable, Equatable {
        public var repositoryName: String?
        public var imageId: ImageIdentifier?
        public var imageManifest: String?
        public var imageManifestMediaType: String?
    }

    public struct ImageFailure: Decodable, Sendable, Equatable {
        public var imageId: ImageIdentifier?
        public var failureCode: String?
        public var failureReason: String?
    }

    public struct BatchGetImageOutput: Decodable, Sendable, Equatable {
        public var images: [Image]?
        public var failures: [ImageFailure]?
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
