import AWSRuntime

/// A change set's `Status`: whether CloudFormation has finished working out its changes. A
/// change set with nothing to change ends `FAILED` too (see `ChangeSet.isEmpty`). The values
/// are the `ChangeSetStatus` list of the CloudFormation API reference.
package enum ChangeSetStatus: AWSEnum {
    case createPending, createInProgress, createComplete
    case deletePending, deleteInProgress, deleteComplete, deleteFailed
    case failed
    case unknown(String)

    package static let knownCases: [Self] = [
        .createPending, .createInProgress, .createComplete, .deletePending, .deleteInProgress, .deleteComplete, .deleteFailed, .failed,
    ]

    package var rawValue: String {
        switch self {
        case .createPending: "CREATE_PENDING"
        case .createInProgress: "CREATE_IN_PROGRESS"
        case .createComplete: "CREATE_COMPLETE"
        case .deletePending: "DELETE_PENDING"
        case .deleteInProgress: "DELETE_IN_PROGRESS"
        case .deleteComplete: "DELETE_COMPLETE"
        case .deleteFailed: "DELETE_FAILED"
        case .failed: "FAILED"
        case .unknown(let rawValue): rawValue
        }
    }

    /// Still being computed; it can be neither executed nor judged empty yet.
    package var isBeingCreated: Bool { self == .createPending || self == .createInProgress }

    /// Someone deleted it (any `DELETE_` state): it is on its way out and needs no cleaning up.
    package var isDeleting: Bool { rawValue.hasPrefix("DELETE_") }
}
