import AWSRuntime
import Foundation

/// Amazon Elastic File System (restJson1). Signed as `elasticfilesystem`.
public struct EFSClient: Sendable {
    public static let descriptor = ServiceDescriptor(
        name: "EFS", endpointPrefix: "elasticfilesystem", serviceId: "EFS", protocol: .restJSON)
    let client: AWSClient

    public init(_ client: AWSClient) { self.client = client }

    public struct FileSystem: Decodable, Sendable, Equatable {
        public var FileSystemId: String
        public var FileSystemArn: String?
        public var CreationToken: String?
        public var LifeCycleState: EFSClient.LifeCycleState
        public var Name: String?
        public var Encrypted: Bool?
        public var Tags: [Tag]?
    }

    /// An EFS tag. EFS spells the members `Key` and `Value` where ECS spells them `key` and
    /// `value`, so the two services' tags are separate shapes and never sent one for the other.
    public struct Tag: Codable, Sendable, Equatable {
        public var Key: String
        public var Value: String
        public init(Key: String, Value: String) {
            self.Key = Key
            self.Value = Value
        }
    }

    struct DescribeFileSystemsOutput: Decodable {
        var FileSystems: [FileSystem]?
        var NextMarker: String?
    }

    public func describeFileSystems(id: String? = nil) -> Paginator<[FileSystem]> {
        Paginator { marker in
            var query: [(String, String)] = []
            if let id { query.append(("FileSystemId", id)) }
            if let marker { query.append(("Marker", marker)) }
            let page: DescribeFileSystemsOutput = try await client.restJSON(
                Self.descriptor, operation: "DescribeFileSystems", method: "GET", path: "/2015-02-01/file-systems", query: query,
                idempotent: true)
            return (page.FileSystems ?? [], page.NextMarker)
        }
    }
}
