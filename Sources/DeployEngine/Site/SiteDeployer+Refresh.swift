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
        let target = try target(of: stack, accountId: try await backend.accountId())
        let decided = try await reconciler(target: target, apply: false, options: options).refresh(force: force)
        let moving = Set(decided.filter { $0.outcome == .refreshed || $0.outcome == .restarted }.map(\.service))
        guard apply, !moving.isEmpty else { return decided }
        // Under the lock, only the services that move are looked at again; the rest stay as they are.
        var locked = options
        locked.services = moving
        let applied = try await locking(options.lock, wait: options.waitForLock) {
            try await reconciler(target: target, apply: true, options: locked).refresh(force: force)
        }
        return decided.map { service in applied.first { $0.service == service.service } ?? service }
    }
}
