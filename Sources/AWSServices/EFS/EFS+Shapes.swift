import AWSRuntime

extension EFSClient {
    /// The POSIX identity every file operation through an access point uses.
    public struct PosixUser: Codable, Sendable, Equatable {
        public var Uid: Int
        public var Gid: Int
        public var SecondaryGids: [Int]?

        public init(Uid: Int, Gid: Int, SecondaryGids: [Int]? = nil) {
            self.Uid = Uid
            self.Gid = Gid
            self.SecondaryGids = SecondaryGids
        }
    }

    /// Owner and mode EFS gives the root directory when it creates it (`Permissions` is octal, e.g. `"0755"`).
    public struct CreationInfo: Codable, Sendable, Equatable {
        public var OwnerUid: Int
        public var OwnerGid: Int
        public var Permissions: String

        public init(OwnerUid: Int, OwnerGid: Int, Permissions: String) {
            self.OwnerUid = OwnerUid
            self.OwnerGid = OwnerGid
            self.Permissions = Permissions
        }
    }

    public struct RootDirectory: Codable, Sendable, Equatable {
        public var Path: String?
        public var CreationInfo: EFSClient.CreationInfo?

        public init(Path: String? = nil, CreationInfo: EFSClient.CreationInfo? = nil) {
            self.Path = Path
            self.CreationInfo = CreationInfo
        }
    }

    public struct AccessPoint: Decodable, Sendable, Equatable {
        public var AccessPointId: String
        public var AccessPointArn: String?
        public var ClientToken: String?
        public var FileSystemId: String?
        public var Name: String?
        public var PosixUser: EFSClient.PosixUser?
        public var RootDirectory: EFSClient.RootDirectory?
        public var Tags: [Tag]?
        public var LifeCycleState: EFSClient.LifeCycleState?
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

    public struct MountTarget: Decodable, Sendable, Equatable {
        public var MountTargetId: String
        public var FileSystemId: String
        public var SubnetId: String
        public var LifeCycleState: EFSClient.LifeCycleState
        public var IpAddress: String?
        public var AvailabilityZoneName: String?
        public var VpcId: String?
    }

    struct DescribeMountTargetsOutput: Decodable {
        var MountTargets: [MountTarget]?
        var NextMarker: String?
    }
}
