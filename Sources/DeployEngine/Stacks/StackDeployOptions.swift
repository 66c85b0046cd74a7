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
    /// A plan of a stack that does not exist lists the resources it would create (a CREATE
    /// change set, deleted again, with the empty stack it made). The deploy's own quiet plan
    /// turns this off: it needs only to know that the stack will be created, since a stack that
    /// is not there has nothing to remove or leave behind, and the change set and its deletion
    /// cost a deploy seconds of waiting on AWS before the one that counts.
    package var listsNewStackResources: Bool = true

    package init(recreate: Bool = false, waitForOtherOperations: Bool = true, continueUpdateRollback: Bool = false) {
        self.recreate = recreate
        self.waitForOtherOperations = waitForOtherOperations
        self.continueUpdateRollback = continueUpdateRollback
    }
}
