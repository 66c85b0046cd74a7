import AWSRuntime
import AWSServices
import Foundation

extension StackDeployer {
    /// Executes the change set and follows the operation to its end. Throws with the first
    /// failed resource and the rollback's outcome when it does not complete.
    func execute(_ changeSet: PreparedChangeSet, onEvent: (DeployEvent) -> Void) async throws -> CloudFormationClient.Stack {
        var stream = try await StackEventStream.startingNow(cfn, stackId: changeSet.stackId, stackName: changeSet.stackName)
        onEvent(.step(.executingChangeSet(name: changeSet.name)))
        do {
            try await cfn.executeChangeSet(id: changeSet.id, clientRequestToken: changeSet.name)
        } catch let error as AWSServiceError where error.cloudFormation == .invalidChangeSetStatus {
            // A retried call whose first attempt went through: follow that execution.
            guard try await cfn.describeChangeSet(id: changeSet.id).hasStartedExecution else { throw error }
        }
        guard let final = try await watch(stackId: changeSet.stackId, stream: &stream, onEvent: onEvent) else {
            throw StackDeployError.stackNotFound(changeSet.stackName)
        }
        guard final.StackStatus.isComplete else {
            throw StackDeployError.operationFailed(
                stackName: changeSet.stackName, verb: changeSet.type == .create ? "create" : "update", final: final.StackStatus,
                stackReason: final.StackStatusReason, firstFailure: stream.firstFailure)
        }
        return final
    }

    /// Follows an operation someone else started (an interrupted Berth, a console user) to its end.
    func watchOperation(_ stack: CloudFormationClient.Stack, onEvent: (DeployEvent) -> Void) async throws
        -> (stack: CloudFormationClient.Stack?, stream: StackEventStream)
    {
        let id = stack.StackId ?? stack.StackName
        var stream = try await StackEventStream.startingNow(cfn, stackId: id, stackName: stack.StackName)
        let final = try await watch(stackId: id, stream: &stream, onEvent: onEvent)
        return (final, stream)
    }

    /// Polls the stack (by id, so a deleted stack is still found) until no operation is running,
    /// handing out its new events on the way. `nil`: the stack is gone.
    func watch(stackId: String, stream: inout StackEventStream, onEvent: (DeployEvent) -> Void) async throws -> CloudFormationClient.Stack? {
        let started = waiter.now()
        var lastShown = started
        return try await waiter.wait(for: "stack \(stream.stackName)") { () -> Waiter.State<CloudFormationClient.Stack?> in
            // The status first, then the events: the events then include the one that ended it.
            guard let stack = try await cfn.describeStack(stackId) else { return .done(nil) }
            let events = try await stream.poll(cfn, stackId: stackId)
            for event in events { onEvent(.resource(event)) }
            let now = waiter.now()
            if !events.isEmpty {
                lastShown = now
            } else if stack.StackStatus.isInProgress, now.timeIntervalSince(lastShown) >= Self.quietInterval {
                onEvent(.step(.stillWaiting(status: stack.StackStatus.rawValue, seconds: Int(now.timeIntervalSince(started)))))
                lastShown = now
            }
            return stack.StackStatus.isInProgress ? .retry(stack.StackStatus.rawValue) : .done(stack)
        }
    }

    /// How long a wait may go without a line before Berth says it is still waiting.
    static let quietInterval: TimeInterval = 30

    /// Deletes a settled stack and waits until it is `DELETE_COMPLETE` (or no longer found).
    func deleteAndWait(_ stack: CloudFormationClient.Stack, onEvent: (DeployEvent) -> Void) async throws {
        let id = stack.StackId ?? stack.StackName
        var stream = try await StackEventStream.startingNow(cfn, stackId: id, stackName: stack.StackName)
        try await cfn.deleteStack(id, clientRequestToken: newToken("delete"))
        guard let final = try await watch(stackId: id, stream: &stream, onEvent: onEvent), !final.StackStatus.isDeleted else { return }
        throw StackDeployError.deleteFailed(
            stackName: stack.StackName, status: final.StackStatus, reason: final.StackStatusReason, firstFailure: stream.firstFailure)
    }
}
