import AWSServices

/// The next step for a stack in a given state. Pure, so every state is tested without AWS;
/// the deployer loops over it until it gets a create or an update.
enum StackAction: Equatable {
    /// No stack (or only a deleted one): a CREATE change set.
    case create
    /// `REVIEW_IN_PROGRESS`, left by a CREATE change set never executed: a CREATE change set
    /// on the same stack, after deleting the old change sets.
    case createInReview
    case update
    case waitForOtherOperation
    case refuseOtherOperation
    case recreate
    case refuseRecreate
    case continueUpdateRollback
    case refuseUpdateRollbackFailed

    static func decide(_ status: StackStatus?, options: StackDeployOptions) -> StackAction {
        guard let status, !status.isDeleted else { return .create }
        if status.isReviewInProgress { return .createInReview }
        if status.isInProgress { return options.waitForOtherOperations ? .waitForOtherOperation : .refuseOtherOperation }
        if status.requiresRecreate || status == .deleteFailed { return options.recreate ? .recreate : .refuseRecreate }
        if status.isUpdateRollbackFailed { return options.continueUpdateRollback ? .continueUpdateRollback : .refuseUpdateRollbackFailed }
        // Anything else settled (complete, rolled back after an update, or a status newer than
        // this code) is left to CloudFormation to accept or refuse.
        return .update
    }
}
