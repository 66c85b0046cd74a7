import AWSRuntime
import AWSServices
import Foundation

/// A stack deploy that could not go on, with a one-line `summary` of what happened and a
/// `hint` of what to do. The facts behind the text (the first failed resource, the state the
/// stack was left in) are kept as fields, so the CLI can show them in JSON too.
package struct StackDeployError: HintedError, Equatable {
    package enum Kind: Sendable, Equatable {
        /// The stack operation ran and failed; `status` says how its rollback ended.
        case operationFailed
        /// CloudFormation could not compute the change set (e.g. a parameter the template lacks).
        case changeSetFailed
        /// Creation failed earlier and left a stack that can only be deleted.
        case needsRecreate
        /// An update failed and so did its rollback.
        case updateRollbackFailed
        /// Another operation is running and the options say not to wait.
        case otherOperationInProgress
        case deleteFailed
        case stackNotFound
    }

    /// The resource that failed first, with CloudFormation's reason.
    package struct ResourceFailure: Sendable, Equatable {
        package var logicalResourceId: String
        package var resourceType: String
        package var status: StackStatus
        package var reason: String?

        package init(logicalResourceId: String, resourceType: String, status: StackStatus, reason: String?) {
            self.logicalResourceId = logicalResourceId
            self.resourceType = resourceType
            self.status = status
            self.reason = reason
        }
    }

    package var kind: Kind
    package var stackName: String
    /// The stack's status when the deployer gave up: for a failed operation, the rollback's outcome.
    package var status: StackStatus?
    package var firstFailure: ResourceFailure?
    /// CloudFormation's own reason for the stack or change set status.
    package var reason: String?
    package var summary: String
    package var hint: String?

    /// The one line a `HintedError` prints: the summary.
    package var message: String { summary }

    init(
        kind: Kind, stackName: String, status: StackStatus? = nil, firstFailure: ResourceFailure? = nil, reason: String? = nil, summary: String,
        hint: String?
    ) {
        self.kind = kind
        self.stackName = stackName
        self.status = status
        self.firstFailure = firstFailure
        self.reason = reason
        self.summary = summary
        self.hint = hint
    }
}

extension StackDeployError {
    /// "stack site-dev: update failed at LogGroup (AWS::Logs::LogGroup): <reason>; rolled back (UPDATE_ROLLBACK_COMPLETE)".
    static func operationFailed(stackName: String, verb: String, final: StackStatus, stackReason: String?, firstFailure: ResourceFailure?) -> Self {
        var summary = "stack \(stackName): \(verb) failed"
        if let failure = firstFailure {
            summary += " at \(failure.logicalResourceId) (\(failure.resourceType))"
            if let reason = failure.reason, !reason.isEmpty { summary += ": \(oneLine(reason))" }
        } else if let stackReason, !stackReason.isEmpty {
            summary += ": \(oneLine(stackReason))"
        }
        let hint: String
        switch final {
        case .updateRollbackComplete:
            summary += "; rolled back to the previous version (\(final))"
            hint = "the stack is as it was before; fix the cause and deploy again"
        case .rollbackComplete:
            summary += "; rolled back, nothing was created (\(final))"
            hint = "fix the cause, then deploy with --recreate: a stack whose creation failed can only be deleted and created again"
        case .updateRollbackFailed:
            summary += "; the rollback failed too (\(final))"
            hint = "fix what blocks the rollback (see the events above), then deploy with --continue-update-rollback"
        case .rollbackFailed:
            summary += "; the rollback failed too (\(final))"
            hint = "delete what CloudFormation could not (see the events above), then deploy with --recreate"
        default:
            summary += "; the stack is \(final)"
            hint = "see the stack events above, fix the cause and deploy again"
        }
        return StackDeployError(
            kind: .operationFailed, stackName: stackName, status: final, firstFailure: firstFailure, reason: stackReason, summary: summary,
            hint: hint)
    }

    static func changeSetFailed(stackName: String, reason: String?) -> Self {
        StackDeployError(
            kind: .changeSetFailed, stackName: stackName, reason: reason,
            summary: "stack \(stackName): CloudFormation could not make a change set: \(oneLine(reason ?? "no reason given"))",
            hint: "check the template and its parameters; nothing was changed")
    }

    /// Capabilities come from the code that renders the template, not from the user.
    static func missingCapabilities(stackName: String, reason: String) -> Self {
        StackDeployError(
            kind: .changeSetFailed, stackName: stackName, reason: reason,
            summary: "stack \(stackName): CloudFormation wants capabilities the request lacks: \(oneLine(reason))",
            hint: "this is a bug in Berth: the stack request must list the capabilities its template needs")
    }

    static func needsRecreate(stackName: String, status: StackStatus, reason: String?) -> Self {
        StackDeployError(
            kind: .needsRecreate, stackName: stackName, status: status, reason: reason,
            summary: "stack \(stackName) is \(status) and can not be updated",
            hint: "its creation failed earlier, so it holds nothing; deploy with --recreate to delete it and create it again")
    }

    static func updateRollbackFailed(stackName: String, reason: String?) -> Self {
        StackDeployError(
            kind: .updateRollbackFailed, stackName: stackName, status: .updateRollbackFailed, reason: reason,
            summary: "stack \(stackName) is UPDATE_ROLLBACK_FAILED: an update failed and so did its rollback",
            hint: "fix what blocked the rollback (often a resource changed or deleted outside CloudFormation), "
                + "then deploy with --continue-update-rollback")
    }

    static func otherOperationInProgress(stackName: String, status: StackStatus) -> Self {
        StackDeployError(
            kind: .otherOperationInProgress, stackName: stackName, status: status,
            summary: "stack \(stackName) is busy (\(status))",
            hint: "wait for it to finish, or deploy without --no-wait to wait for it")
    }

    static func deleteFailed(stackName: String, status: StackStatus?, reason: String?, firstFailure: ResourceFailure?) -> Self {
        var summary = "stack \(stackName): delete failed"
        if let failure = firstFailure {
            summary += " at \(failure.logicalResourceId) (\(failure.resourceType))"
            if let reason = failure.reason { summary += ": \(oneLine(reason))" }
        } else if let reason {
            summary += ": \(oneLine(reason))"
        }
        return StackDeployError(
            kind: .deleteFailed, stackName: stackName, status: status, firstFailure: firstFailure, reason: reason, summary: summary,
            hint: "remove what blocks the deletion (e.g. a non-empty bucket), then delete again")
    }

    static func stackNotFound(_ stackName: String) -> Self {
        StackDeployError(kind: .stackNotFound, stackName: stackName, summary: "stack \(stackName) does not exist", hint: "deploy it first")
    }

    /// AWS reasons can run to several lines; a summary is one.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
