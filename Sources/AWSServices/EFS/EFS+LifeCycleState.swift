import AWSRuntime

extension EFSClient {
    /// `LifeCycleState` of a file system, mount target or access point, in EFS's lower case.
    package enum LifeCycleState: AWSEnum {
        case creating, available, updating, deleting, deleted, error
        case unknown(String)

        package static let knownCases: [Self] = [.creating, .available, .updating, .deleting, .deleted, .error]

        package var rawValue: String {
            switch self {
            case .creating: "creating"
            case .available: "available"
            case .updating: "updating"
            case .deleting: "deleting"
            case .deleted: "deleted"
            case .error: "error"
            case .unknown(let rawValue): rawValue
            }
        }

        /// Deleted or on the way: DescribeAccessPoints lists such an access point for a while,
        /// but nothing can mount it any more.
        package var isGone: Bool { self == .deleting || self == .deleted }
    }
}
