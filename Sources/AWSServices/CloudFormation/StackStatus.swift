/// A stack's `StackStatus` (or a resource's `ResourceStatus`), kept as the raw string AWS sent so
/// that a status added after this was written still decodes; the questions the deployer asks
/// are answered here, from the table in the CloudFormation API reference (`StackStatus`), as
/// copilot's `stackstatus.go` does.
package struct StackStatus: RawRepresentable, Hashable, Sendable, Decodable, CustomStringConvertible {
    package var rawValue: String

    package init(rawValue: String) { self.rawValue = rawValue }
    package init(_ rawValue: String) { self.rawValue = rawValue }

    package init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    package var description: String { rawValue }

    package static let createComplete = StackStatus("CREATE_COMPLETE")
    package static let updateComplete = StackStatus("UPDATE_COMPLETE")
    package static let importComplete = StackStatus("IMPORT_COMPLETE")
    package static let rollbackComplete = StackStatus("ROLLBACK_COMPLETE")
    package static let rollbackFailed = StackStatus("ROLLBACK_FAILED")
    package static let createFailed = StackStatus("CREATE_FAILED")
    package static let updateRollbackComplete = StackStatus("UPDATE_ROLLBACK_COMPLETE")
    package static let updateRollbackFailed = StackStatus("UPDATE_ROLLBACK_FAILED")
    package static let importRollbackComplete = StackStatus("IMPORT_ROLLBACK_COMPLETE")
    package static let reviewInProgress = StackStatus("REVIEW_IN_PROGRESS")
    package static let deleteComplete = StackStatus("DELETE_COMPLETE")
    package static let deleteFailed = StackStatus("DELETE_FAILED")

    /// An operation is running and will end on its own. `REVIEW_IN_PROGRESS` is not one: it is
    /// the placeholder a CREATE change set makes, and it stays until the change set is executed.
    package var isInProgress: Bool {
        rawValue.hasSuffix("_IN_PROGRESS") && self != .reviewInProgress
    }

    /// The last operation succeeded and the stack holds what its template says.
    package var isComplete: Bool {
        [.createComplete, .updateComplete, .importComplete].contains(self)
    }

    /// Settled and accepting an update: complete, or rolled back to the previous good state.
    package var isUpdatable: Bool {
        isComplete || self == .updateRollbackComplete || self == .importRollbackComplete
    }

    /// The last operation failed (it rolled back, or could not even do that).
    package var isFailed: Bool {
        rawValue.hasSuffix("_FAILED") || (rawValue.contains("ROLLBACK") && !isInProgress)
    }

    /// States CloudFormation cannot update: a create that failed leaves a stack that can only
    /// be deleted and created again.
    package var requiresRecreate: Bool {
        [.rollbackComplete, .rollbackFailed, .createFailed].contains(self)
    }

    /// An update failed and so did its rollback; only `ContinueUpdateRollback` (or deleting the
    /// stack) gets it out.
    package var isUpdateRollbackFailed: Bool { self == .updateRollbackFailed }

    package var isReviewInProgress: Bool { self == .reviewInProgress }

    package var isDeleted: Bool { self == .deleteComplete }
}
