import AWSRuntime
import AWSServices
import Foundation
import SigV4

/// Deploys one CloudFormation stack from a template string, through change sets.
///
/// Every path is safe to interrupt and run again: leftover Berth change sets are deleted, a
/// running operation is waited for, and a `REVIEW_IN_PROGRESS` stack from a change set never
/// executed is created through a new CREATE change set. A deploy that would change nothing
/// makes no write call at all: it compares the live template, parameters and tags first.
///
/// ```swift
/// let deployer = StackDeployer(client: client)
/// let result = try await deployer.deploy(stack: request, options: .init()) { event in printer.show(event) }
/// ```
package struct StackDeployer: Sendable {
    /// Every change set Berth makes is named `berth-…`; a later run deletes those it finds unexecuted.
    package static let changeSetPrefix = "berth-"

    let client: AWSClient
    let cfn: CloudFormationClient
    /// Paces every wait (change sets, stack operations); tests pass one with a recording sleeper
    /// and a fake `now`.
    let waiter: Waiter
    let random: RandomSource
    let uploader: TemplateUploader

    /// - Parameters:
    ///   - artifactsBucket: where templates over 51,200 bytes go; by default
    ///     `berth-artifacts-<account>-<region>`, created when missing.
    package init(client: AWSClient, waiter: Waiter = .operations(), random: RandomSource = RandomSource(), artifactsBucket: String? = nil) {
        self.client = client
        self.cfn = CloudFormationClient(client)
        self.waiter = waiter
        self.random = random
        self.uploader = TemplateUploader(client: client, bucket: artifactsBucket)
    }

    /// What `deploy` would change, found with a change set that is deleted again. Changes nothing:
    /// for a stack that does not exist, the empty `REVIEW_IN_PROGRESS` stack the CREATE change
    /// set makes is deleted too. A stack that cannot be updated throws the error `deploy` would.
    package func plan(stack request: StackRequest, options: StackDeployOptions = .init(), onEvent: (DeployEvent) -> Void = { _ in }) async throws
        -> StackPlan
    {
        // `--recreate` of a stack whose creation failed: deploy deletes it and creates it anew,
        // which no change set can show while the failed stack holds the name.
        if options.recreate, let failed = try await cfn.describeStack(request.name),
            StackAction.decide(failed.StackStatus, options: options) == .recreate
        {
            return .create([])
        }
        let stack = try await settle(request.name, options: options, mayChange: false, onEvent: onEvent)
        if stack == nil && !options.listsNewStackResources { return .create([]) }
        if let stack, try await isUnchanged(stack, request) { return .noChanges }
        guard let changeSet = try await prepareChangeSet(request, stack: stack, onEvent: onEvent) else { return .noChanges }
        try await discard(changeSet)
        return changeSet.type == .create ? .create(changeSet.changes) : .update(changeSet.changes)
    }

    /// Creates or updates the stack and waits for the end, streaming stack events to `onEvent`.
    /// A failed operation throws `StackDeployError` with the first failed resource and the
    /// rollback's outcome.
    package func deploy(stack request: StackRequest, options: StackDeployOptions = .init(), onEvent: (DeployEvent) -> Void = { _ in }) async throws
        -> StackDeployResult
    {
        do {
            return try await deployOnce(request, options: options, onEvent: onEvent)
        } catch let error as AWSServiceError where error.cloudFormation == .changeSetNotFound {
            // Before it executed, this run's change set went with the empty stack of a new
            // stack's CREATE that another run discarded (its plan, or an older Berth's): the
            // whole deploy starts again, once, from what the stack is now.
            onEvent(.step(.changeSetRemoved(reason: error.message)))
            return try await deployOnce(request, options: options, onEvent: onEvent)
        }
    }

    private func deployOnce(_ request: StackRequest, options: StackDeployOptions, onEvent: (DeployEvent) -> Void) async throws
        -> StackDeployResult
    {
        let stack = try await settle(request.name, options: options, mayChange: true, onEvent: onEvent)
        if let stack, try await isUnchanged(stack, request) {
            onEvent(.step(.noChanges))
            return StackDeployResult(stackName: request.name, stackId: stack.StackId, outcome: .noChanges, changes: [], outputs: stack.outputValues)
        }
        if stack != nil { try await deleteLeftoverChangeSets(request.name, onEvent: onEvent) }
        guard let changeSet = try await prepareChangeSet(request, stack: stack, onEvent: onEvent) else {
            onEvent(.step(.noChanges))
            return StackDeployResult(
                stackName: request.name, stackId: stack?.StackId, outcome: .noChanges, changes: [], outputs: stack?.outputValues ?? [:])
        }
        let final = try await execute(changeSet, onEvent: onEvent)
        return StackDeployResult(
            stackName: request.name, stackId: final.StackId ?? changeSet.stackId, outcome: changeSet.type == .create ? .created : .updated,
            changes: changeSet.changes, outputs: final.outputValues)
    }

    /// The outputs of a stack, by key.
    package func outputs(stackName: String) async throws -> [String: String] {
        guard let stack = try await cfn.describeStack(stackName), !stack.StackStatus.isDeleted else {
            throw StackDeployError.stackNotFound(stackName)
        }
        return stack.outputValues
    }

    /// Deletes the stack and waits until it is gone. A stack that does not exist is fine
    /// (`false`); one busy with another operation is waited for first.
    @discardableResult
    package func delete(stackName: String, onEvent: (DeployEvent) -> Void = { _ in }) async throws -> Bool {
        guard var stack = try await cfn.describeStack(stackName) else { return false }
        if stack.StackStatus.isInProgress {
            onEvent(.step(.waitingForStack(status: stack.StackStatus.rawValue)))
            guard let settled = try await watchOperation(stack, onEvent: onEvent).stack else { return true }
            stack = settled
        }
        guard !stack.StackStatus.isDeleted else { return false }
        try await deleteAndWait(stack, onEvent: onEvent)
        return true
    }

    /// `berth-<UTC time>-<8 hex>`: sortable, and unique per run so that an `AlreadyExists`
    /// for it can only be this run's own retried call.
    func newChangeSetName() -> String {
        let suffix = String(UInt32(random.unit() * Double(UInt32.max)), radix: 16)
        return Self.changeSetPrefix + AmzDate(waiter.now()).full + "-" + String(repeating: "0", count: 8 - suffix.count) + suffix
    }
}
