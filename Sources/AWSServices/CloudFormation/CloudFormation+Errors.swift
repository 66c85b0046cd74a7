import AWSRuntime

/// The CloudFormation failures the deployer branches on, by name. CloudFormation reports
/// several of them as a plain `ValidationError` told apart only by its message, so the message
/// matching lives here and nowhere else (copilot's `aws/cloudformation/errors.go` does the same).
package enum CloudFormationError: Sendable, Equatable {
    /// "Stack with id X does not exist".
    case stackNotFound
    /// "No updates are to be performed." from `UpdateStack` or `CreateChangeSet`.
    case noUpdatesToPerform
    /// `AlreadyExistsException`: a CREATE change set for a live stack, or a change set name in use.
    case alreadyExists
    /// `InvalidChangeSetStatus`: executing a change set that is not `AVAILABLE` (empty, already
    /// executed, or the stack moved on).
    case invalidChangeSetStatus
    /// `ChangeSetNotFound`: deleted, or removed by CloudFormation when another change set ran.
    case changeSetNotFound
    /// `InsufficientCapabilitiesException`: the template makes IAM resources or uses macros.
    case insufficientCapabilities
    /// A `ValidationError` saying the stack's state forbids the call (e.g. `ROLLBACK_COMPLETE`).
    case stackStateForbids
}

extension AWSServiceError {
    /// The named CloudFormation failure this is, if any.
    package var cloudFormation: CloudFormationError? {
        switch code {
        case "AlreadyExistsException": return .alreadyExists
        case "InvalidChangeSetStatus", "InvalidChangeSetStatusException": return .invalidChangeSetStatus
        case "ChangeSetNotFound", "ChangeSetNotFoundException": return .changeSetNotFound
        case "InsufficientCapabilitiesException": return .insufficientCapabilities
        case "ValidationError":
            if message.contains("does not exist") { return .stackNotFound }
            if CloudFormationClient.ChangeSet.isNoChangeReason(message) { return .noUpdatesToPerform }
            if message.contains("state and can not be updated") || message.contains("state and cannot be updated") {
                return .stackStateForbids
            }
            return nil
        default: return nil
        }
    }

    /// CloudFormation says a stack is missing with a generic `ValidationError` and this message.
    package var isStackNotFound: Bool { cloudFormation == .stackNotFound }
}

extension CloudFormationClient.ChangeSet {
    /// AWS words "nothing to change" two ways: a change set that FAILED with "The submitted
    /// information didn't contain changes…" and an error "No updates are to be performed.".
    static func isNoChangeReason(_ text: String) -> Bool {
        text.contains("didn't contain changes") || text.contains("No updates are to be performed")
    }

    /// The change set failed only because the template, parameters and tags equal the stack's.
    package var isEmpty: Bool {
        Status == .failed && Self.isNoChangeReason(StatusReason ?? "")
    }

    package var isReady: Bool { Status == .createComplete }

    /// The stack is running (or has run) this change set.
    package var hasStartedExecution: Bool { ExecutionStatus?.hasStarted == true }
}
