import Foundation

/// Stack operations that read each stack once: a plan asks for the stack's outputs and resources
/// from several places (the mode check, the template's parameters, the services' target), and
/// each ask was a DescribeStacks and a ListStackResources. Used for one plan, during which
/// nothing changes the stack; a deploy or delete through it forgets what it read.
package final class ObservedOnce: StackOperations, @unchecked Sendable {
    let base: any StackOperations
    private let lock = NSLock()
    private var observed: [String: ObservedStack?] = [:]

    package init(_ base: any StackOperations) {
        self.base = base
    }

    package func observe(stackName: String) async throws -> ObservedStack? {
        if let known = lock.withLock({ observed[stackName] }) { return known }
        let fresh = try await base.observe(stackName: stackName)
        lock.withLock { observed[stackName] = .some(fresh) }
        return fresh
    }

    package func plan(stack: StackRequest, options: StackDeployOptions, onEvent: (DeployEvent) -> Void) async throws -> StackPlan {
        try await base.plan(stack: stack, options: options, onEvent: onEvent)
    }

    package func deploy(stack: StackRequest, options: StackDeployOptions, onEvent: (DeployEvent) -> Void) async throws -> StackDeployResult {
        defer { forget() }
        return try await base.deploy(stack: stack, options: options, onEvent: onEvent)
    }

    package func delete(stackName: String, onEvent: (DeployEvent) -> Void) async throws -> Bool {
        defer { forget() }
        return try await base.delete(stackName: stackName, onEvent: onEvent)
    }

    func forget() {
        lock.withLock { observed = [:] }
    }
}
