/// A stack's `StackStatus` (or a resource's `ResourceStatus`), kept as the raw string AWS sent so
/// that a status added after this was written still decodes; the questions the deployer asks
/// are answered here, from the table in the CloudFormation API reference (`StackStatus`), as
/// copilot's `stackstatus.go` does.
public struct StackStatus: RawRepresentable, Hashable, Sendable, Decodable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public var description: String { rawValue }

    public static let createComplete = StackStatus("CREATE_COMPLETE")
    public static let updateComplete = StackStatus("UPDATE_COMPLETE")
    public static let importComplete = StackStatus("IMPORT_COMPLETE")
    public static let rollbackComplete = StackStatus("ROLLBACK_COMPLETE")
    public static let rollbackFailed = StackStatus("ROLLBACK_FAILED")
    public static let createFailed = StackStatus("CREATE_FAILED")
    public static let updateRollbackComplete = StackStatus("UPDATE_ROLLBACK_COMPLETE")
    public static let updateRollbackFailed = StackStatus("UPDATE_ROLLBACK_FAILED")
    public static let importRollbackComplete = StackStatus("IMPORT_ROLLBACK_COMPLETE")
    public static let reviewInProgress = StackStatus("REVIEW_IN_PROGRESS")
    public static let deleteComplete = StackStatus("DELETE_COMPLETE")
    public static let deleteFailed = StackStatus("DELETE_FAILED")

    /// An operation is running and will end on its own. `REVIEW_IN_PROGRESS` is not one: it is
    /// the placeholder a CREATE change set makes, and it stays until the change set is executed.
    public var isInProgress: Bool {
        rawValue.hasSuffix("_IN_PROGRESS") && self != .reviewInProgress
    }

    /// The last operation succeeded and the stack holds what its template says.
    public var isComplete: Bool {
        [.createComplete, .updateComplete, .importComplete].contains(self)
    }

    /// Settled and accepting an update: complete, or rolled back to the previous good state.
    public var isUpdatable: Bool {
        isComplete || self == .updateRollbackComplete || self == .importRollbackComplete
    }

    /// The last operation failed (it rolled back, or could not even do that).
    public var isFailed: Bool {
        rawValue.hasSuffix("_FAILED") || (rawValue.contains("ROLLBACK") && !isInProgress)
    }

    /// States CloudFormation cannot update: a create that failed leaves a stack that can only
    /// be deleted and created again.
    public var requiresRecreate: Bool {
        [.rollbackComplete, .rollbackFailed, .createFailed].contains(self)
    }

    /// An update failed and so did its rollback; only `ContinueUpdateRollback` (or deleting the
    /// stack) gets it out.
    public var isUpdateRollbackFailed: Bool { self == .updateRollbackFailed }

    public var isReviewInProgress: Bool { self == .reviewInProgress }

    public var isDeleted: Bool { self == .deleteComplete }
}
