import AWSRuntime
import Foundation

/// Amazon Elastic File System (restJson1). Signed as `elasticfilesystem`.
package struct EFSClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "EFS", endpointPrefix: "elasticfilesystem", serviceId: "EFS", protocol: .restJSON)
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    package struct FileSystem: Decodable, Sendable, Equatable {
        package var FileSystemId: String
        package var FileSystemArn: String?
        package var CreationToken: String?
        package var LifeCycleState: EFSClient.LifeCycleState
        package var Name: String?
        package var Encrypted: Bool?
        package var Tags: [Tag]?
        /// The metered size, updated by EFS every few hours (not a live count).
        package var SizeInBytes: Size?
        /// Mount targets in some VPC: a file system that has them is in use by some stack.
        package var NumberOfMountTargets: Int?
        /// Seconds since 1970 (restJSON timestamps are epoch numbers).
        package var CreationTime: Double?
    }

    package struct Size: Decodable, Sendable, Equatable {
        package var Value: Int64
    }

    /// An EFS tag. EFS spells the members `Key` and `Value` where ECS spells them `key` and
    /// `value`, so the two services' tags are separate shapes and never sent one for the other.
    package struct Tag: Codable, Sendable, Equatable {
        package var Key: String
        package var Value: String
        package init(Key: String, Value: String) {
            self.Key = Key
            self.Value = Value
        }
    }

    struct DescribeFileSystemsOutput: Decodable {
        var FileSystems: [FileSystem]?
        var NextMarker: String?
    }

    package func describeFileSystems(id: String? = nil) -> Paginator<[FileSystem]> {
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
