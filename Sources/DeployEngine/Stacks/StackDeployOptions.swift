/// How `deploy` treats a stack that is not simply ready for an update.
package struct StackDeployOptions: Sendable, Equatable {
    /// `--recreate`: a stack whose creation failed (`ROLLBACK_COMPLETE`, `ROLLBACK_FAILED`,
    /// `CREATE_FAILED`, `DELETE_FAILED`) holds nothing worth keeping and cannot be updated;
    /// delete it and create it again.
    package var recreate: Bool
    /// `--no-wait` sets this to false: refuse, instead of waiting, when another operation is
    /// running on the stack.
    package var waitForOtherOperations: Bool
    /// `--continue-update-rollback`: resume the rollback of a stack in `UPDATE_ROLLBACK_FAILED`
    /// before updating it.
    package var continueUpdateRollback: Bool

    package init(recreate: Bool = false, waitForOtherOperations: Bool = true, continueUpdateRollback: Bool = false) {
        self.recreate = recreate
        self.waitForOtherOperations = waitForOtherOperations
        self.continueUpdateRollback = continueUpdateRollback
    }
}
