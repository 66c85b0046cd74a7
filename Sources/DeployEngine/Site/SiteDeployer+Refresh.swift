import AWSRuntime
import ComposeModel
import Foundation
import StackTemplates

extension SiteDeployer {
    /// `berth refresh`: each service whose image tag names new bytes moves to a revision pinned
    /// to them (see `ServicesReconciler.refresh`). Like `deploy`, it decides with reads alone
    /// first: with nothing to refresh it writes nothing, not even the lock; otherwise it decides
    /// again under the lock (another run may have deployed meanwhile) and applies. With `apply`
    /// off it only decides (`refresh --dry-run`).
    package func refresh(force: Bool, apply: Bool = true, _ options: Options = Options()) async throws -> [RefreshedService] {
        let stack = try await stacks.observe(stackName: names.stack)
        if stack?.mode == .unified {
            throw DeployError(
                "\(names.stack) is deployed as one stack (--unified): its task definitions are the stack's",
                hint: "run `berth deploy --unified`: it pins every image to the digest its tag names now")
        }
        guard let stack, stack.provisioned else {
            throw DeployError("the infrastructure stack \(names.stack) does not exist yet", hint: "run `berth deploy` first")
        }
        let target = try SiteTarget(
            observed: stack, stack: names.stack, input: input, accountId: try await backend.accountId(), region: backend.region)
        let decided = try await reconciler(target: target, apply: false, options: options).refresh(force: force)
        guard apply, decided.contains(where: { $0.outcome == .refreshed || $0.outcome == .restarted }) else {
            return decided
        }
        return try await locking(options.lock, wait: options.waitForLock) {
            try await reconciler(target: target, apply: true, options: options).refresh(force: force)
        }
    }
}
