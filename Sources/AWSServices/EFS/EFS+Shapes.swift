import AWSRuntime

extension EFSClient {
    /// The POSIX identity every file operation through an access point uses.
    package struct PosixUser: Codable, Sendable, Equatable {
        package var Uid: Int
        package var Gid: Int
        package var SecondaryGids: [Int]?

        package init(Uid: Int, Gid: Int, SecondaryGids: [Int]? = nil) {
            self.Uid = Uid
            self.Gid = Gid
            self.SecondaryGids = SecondaryGids
        }
    }

    /// Owner and mode EFS gives the root directory when it creates it (`Permissions` is octal, e.g. `"0755"`).
    package struct CreationInfo: Codable, Sendable, Equatable {
        package var OwnerUid: Int
        package var OwnerGid: Int
        package var Permissions: String

        package init(OwnerUid: Int, OwnerGid: Int, Permissions: String) {
            self.OwnerUid = OwnerUid
            self.OwnerGid = OwnerGid
            self.Permissions = Permissions
        }
    }

    package struct RootDirectory: Codable, Sendable, Equatable {
        package var Path: String?
        package var CreationInfo: EFSClient.CreationInfo?

        package init(Path: String? = nil, CreationInfo: EFSClient.CreationInfo? = nil) {
            self.Path = Path
            self.CreationInfo = CreationInfo
        }
    }

    package struct AccessPoint: Decodable, Sendable, Equatable {
        package var AccessPointId: String
        package var AccessPointArn: String?
        package var ClientToken: String?
        package var FileSystemId: String?
        package var Name: String?
        package var PosixUser: EFSClient.PosixUser?
        package var RootDirectory: EFSClient.RootDirectory?
        package var Tags: [Tag]?
        package var LifeCycleState: EFSClient.LifeCycleState?
    }

    struct CreateAccessPointInput: Encodable {
        var ClientToken: String
        var FileSystemId: String
        var PosixUser: EFSClient.PosixUser?
        var RootDirectory: EFSClient.RootDirectory?
        var Tags: [Tag]?
    }

    struct DescribeAccessPointsOutput: Decodable {
        var AccessPoints: [AccessPoint]?
        var NextToken: String?
    }

    struct CreateFileSystemInput: Encodable {
        var CreationToken: String
        var Encrypted: Bool?
        var PerformanceMode: String?
        var ThroughputMode: String?
        var Tags: [Tag]?
    }

    struct TagResourceInput: Encodable {
        var Tags: [Tag]
    }

    package struct MountTarget: Decodable, Sendable, Equatable {
        package var MountTargetId: String
        package var FileSystemId: String
        package var SubnetId: String
        package var LifeCycleState: EFSClient.LifeCycleState
        package var IpAddress: String?
        package var AvailabilityZoneName: String?
        package var VpcId: String?
    }

    struct DescribeMountTargetsOutput: Decodable {
        var MountTargets: [MountTarget]?
        var NextMarker: String?
    }
}
