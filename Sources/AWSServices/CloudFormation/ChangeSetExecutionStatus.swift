import AWSRuntime

/// A change set's `ExecutionStatus`: whether it can run, or why not (`UNAVAILABLE` while it is
/// being computed, `OBSOLETE` once the stack has moved on). The values are the
/// `ExecutionStatus` list of the CloudFormation API reference.
package enum ChangeSetExecutionStatus: AWSEnum {
    case unavailable, available, executeInProgress, executeComplete, executeFailed, obsolete
    case unknown(String)

    package static let knownCases: [Self] = [.unavailable, .available, .executeInProgress, .executeComplete, .executeFailed, .obsolete]

    package var rawValue: String {
        switch self {
        case .unavailable: "UNAVAILABLE"
        case .available: "AVAILABLE"
        case .executeInProgress: "EXECUTE_IN_PROGRESS"
        case .executeComplete: "EXECUTE_COMPLETE"
        case .executeFailed: "EXECUTE_FAILED"
        case .obsolete: "OBSOLETE"
        case .unknown(let rawValue): rawValue
        }
    }

    /// The stack is running, or has run, this change set: it is a record now, not a leftover.
    package var hasStarted: Bool { [.executeInProgress, .executeComplete, .executeFailed].contains(self) }
}
