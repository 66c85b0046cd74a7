import AWSRuntime
import AWSServices

extension StackDeployer {
    /// A change set that is ready to execute (or to be read and thrown away by `plan`).
    struct PreparedChangeSet {
        var id: String
        var name: String
        var stackId: String
        var stackName: String
        var type: CloudFormationClient.ChangeSetType
        var changes: [PlannedResourceChange]
        /// The CREATE change set made the (`REVIEW_IN_PROGRESS`) stack itself.
        var madeStack: Bool
    }

    /// Creates a change set and waits until CloudFormation has computed it; `nil` when there
    /// is nothing to change (the empty change set is deleted again).
    func prepareChangeSet(_ request: StackRequest, stack: CloudFormationClient.Stack?, onEvent: (DeployEvent) -> Void) async throws
        -> PreparedChangeSet?
    {
        let type: CloudFormationClient.ChangeSetType = stack == nil || stack?.StackStatus.isReviewInProgress == true ? .create : .update
        let template = try await uploader.source(for: request, onEvent: onEvent)
        let name = newChangeSetName()
        onEvent(.step(.creatingChangeSet(name: name, type: type.rawValue)))
        let created: CloudFormationClient.CreateChangeSetOutput
        do {
            created = try await cfn.createChangeSet(
                stackName: request.name, changeSetName: name, type: type, template: template, parameters: request.parameters,
                tags: request.tags, capabilities: request.capabilities, description: "Berth deploy of \(request.name)")
        } catch let error as AWSServiceError where error.cloudFormation == .noUpdatesToPerform {
            return nil
        } catch let error as AWSServiceError where error.cloudFormation == .insufficientCapabilities {
            throw StackDeployError.missingCapabilities(stackName: request.name, reason: error.message)
        } catch let error as AWSServiceError where error.cloudFormation == .alreadyExists {
            // Our own earlier attempt went through before its answer was lost.
            guard let mine = try await findChangeSet(named: name, stackName: request.name) else { throw error }
            created = mine
        }
        let madeStack = stack == nil
        let described = try await waiter.wait(for: "change set \(name) of stack \(request.name)") {
            () -> Waiter.State<CloudFormationClient.ChangeSet> in
            let changeSet = try await cfn.describeChangeSet(id: created.Id)
            return changeSet.Status.isBeingCreated ? .retry(changeSet.Status.rawValue) : .done(changeSet)
        }
        let prepared = PreparedChangeSet(
            id: created.Id, name: name, stackId: created.StackId ?? described.StackId ?? request.name, stackName: request.name, type: type,
            changes: PlannedResourceChange.from(described), madeStack: madeStack)
        if described.isEmpty {
            try await discard(prepared)
            return nil
        }
        guard described.isReady else {
            try? await discard(prepared)
            throw StackDeployError.changeSetFailed(stackName: request.name, reason: described.StatusReason)
        }
        return prepared
    }

    /// Deletes the change set, and the empty stack its CREATE made, so nothing is left behind.
    ///
    /// Not that stack when another change set is on it: a second run creating the same new stack
    /// (a deploy under the lock, a teammate's `plan`) adds its CREATE change set to the one
    /// `REVIEW_IN_PROGRESS` stack, and deleting the stack would delete that change set with it.
    /// The stack is left for whoever executes or discards the last change set.
    func discard(_ changeSet: PreparedChangeSet) async throws {
        do {
            try await cfn.deleteChangeSet(id: changeSet.id)
        } catch let error as AWSServiceError where error.cloudFormation == .changeSetNotFound {}
        guard changeSet.madeStack else { return }
        let others = try await changeSets(of: changeSet.stackName).filter {
            $0.ChangeSetId != changeSet.id && $0.Status?.isDeleting != true
        }
        guard others.isEmpty else { return }
        try await cfn.deleteStack(changeSet.stackId, clientRequestToken: newToken("discard"))
    }

    /// Berth change sets an interrupted run left on the stack, never executed. Executed ones
    /// stay listed as a record and are left alone (one still executing means the stack is busy,
    /// and `settle` has already waited for it), and so are those CloudFormation is still
    /// computing: another run's plan, going on now (an interrupted run's is computed in seconds).
    func deleteLeftoverChangeSets(_ stackName: String, onEvent: (DeployEvent) -> Void) async throws {
        let summaries = try await changeSets(of: stackName)
        for summary in summaries where summary.isUnexecutedLeftover(prefix: Self.changeSetPrefix) {
            guard let name = summary.ChangeSetName, let id = summary.ChangeSetId else { continue }
            onEvent(.step(.deletingLeftoverChangeSet(name: name)))
            do {
                try await cfn.deleteChangeSet(id: id)
            } catch let error as AWSServiceError where error.cloudFormation == .changeSetNotFound || error.cloudFormation == .invalidChangeSetStatus {
                // Gone already, or it started executing after all: either way not a leftover.
            }
        }
    }

    /// The stack's change sets; none when the stack is gone (another run discarded the empty
    /// stack of a new stack's CREATE after this run saw it).
    func changeSets(of stackName: String) async throws -> [CloudFormationClient.ChangeSetSummary] {
        do {
            return try await cfn.listChangeSets(stackName: stackName).collect { $0 }
        } catch let error as AWSServiceError where error.cloudFormation == .stackNotFound {
            return []
        }
    }

    private func findChangeSet(named name: String, stackName: String) async throws -> CloudFormationClient.CreateChangeSetOutput? {
        let summaries = try await cfn.listChangeSets(stackName: stackName).collect { $0 }
        guard let summary = summaries.first(where: { $0.ChangeSetName == name }), let id = summary.ChangeSetId else { return nil }
        return CloudFormationClient.CreateChangeSetOutput(Id: id, StackId: summary.StackId)
    }
}

extension CloudFormationClient.ChangeSetSummary {
    func isUnexecutedLeftover(prefix: String) -> Bool {
        guard let name = ChangeSetName, name.hasPrefix(prefix) else { return false }
        return ExecutionStatus?.hasStarted != true && Status?.isDeleting != true && Status?.isBeingCreated != true
    }
}
