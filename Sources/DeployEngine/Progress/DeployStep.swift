/// What the stack deployer is doing between stack events.
package enum DeployStep: Sendable, Equatable {
    /// Another operation is running on the stack (an earlier, interrupted Berth, or someone
    /// else); the deployer waits for it before doing anything.
    case waitingForStack(status: String)
    /// Still waiting on that operation, with nothing to show for `seconds` (its resources are
    /// slow to change): said every `StackDeployer.quietInterval` so a long wait never looks hung.
    case stillWaiting(status: String, seconds: Int)
    /// Change sets Berth left behind when it was interrupted are removed before a new one.
    case deletingLeftoverChangeSet(name: String)
    /// This run's change set was deleted by another run before it executed (with the empty stack
    /// of a new stack they both created): the deploy starts again.
    case changeSetRemoved(reason: String)
    /// The template is over CloudFormation's 51,200-byte inline limit and goes through S3.
    case uploadingTemplate(url: String, bytes: Int)
    case creatingChangeSet(name: String, type: String)
    case executingChangeSet(name: String)
    /// The stack already matches: nothing is executed.
    case noChanges
    /// `--recreate`: the stack that cannot be updated is deleted first.
    case deletingStack(status: String)
    /// `UPDATE_ROLLBACK_FAILED`: the rollback is resumed before the update.
    case continuingUpdateRollback
}
