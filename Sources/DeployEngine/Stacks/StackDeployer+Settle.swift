import AWSRuntime
import AWSServices

extension StackDeployer {
    /// Brings the stack to a state a change set can start from, and returns it (`nil`: there is
    /// none). Waits out other operations; with `mayChange` and the options, deletes a stack whose
    /// creation failed or resumes a failed rollback. Each of those is tried once, so a step that
    /// does not help ends in an error, not a loop.
    func settle(_ name: String, options: StackDeployOptions, mayChange: Bool, onEvent: (DeployEvent) -> Void) async throws
        -> CloudFormationClient.Stack?
    {
        var stack = try await cfn.describeStack(name)
        var recreated = false
        var resumed = false
        while true {
            guard let current = stack else { return nil }
            let status = current.StackStatus
            switch StackAction.decide(status, options: options) {
            case .create:
                return nil
            case .createInReview, .update:
                return current
            case .waitForOtherOperation:
                onEvent(.step(.waitingForStack(status: status.rawValue)))
                stack = try await watchOperation(current, onEvent: onEvent).stack
            case .refuseOtherOperation:
                throw StackDeployError.otherOperationInProgress(stackName: name, status: status)
            case .recreate where mayChange && !recreated:
                onEvent(.step(.deletingStack(status: status.rawValue)))
                try await deleteAndWait(current, onEvent: onEvent)
                recreated = true
                stack = nil
            case .recreate, .refuseRecreate:
                throw StackDeployError.needsRecreate(stackName: name, status: status, reason: current.StackStatusReason)
            case .continueUpdateRollback where mayChange && !resumed:
                onEvent(.step(.continuingUpdateRollback))
                let id = current.StackId ?? name
                var stream = try await StackEventStream.startingNow(cfn, stackId: id, stackName: name)
                try await cfn.continueUpdateRollback(id, clientRequestToken: newToken("rollback"))
                stack = try await watch(stackId: id, stream: &stream, onEvent: onEvent)
                resumed = true
            case .continueUpdateRollback, .refuseUpdateRollbackFailed:
                throw StackDeployError.updateRollbackFailed(stackName: name, reason: current.StackStatusReason)
            }
        }
    }

    /// True when the stack already holds this template, these parameters and tags: two reads,
    /// no writes.
    func isUnchanged(_ stack: CloudFormationClient.Stack, _ request: StackRequest) async throws -> Bool {
        guard stack.StackStatus.isUpdatable else { return false }
        let template = try await cfn.getTemplate(stackName: stack.StackId ?? request.name)
        return StackComparison.matches(stack: stack, currentTemplate: template, request: request)
    }

    /// A token for a write that AWS should recognise when it is sent again.
    func newToken(_ purpose: String) -> String {
        "\(Self.changeSetPrefix)\(purpose)-\(String(UInt64(random.unit() * Double(1 << 53)), radix: 36))"
    }
}
