import StackTemplates

/// The stack calls a site's workflows make, in the engine's terms. `StackDeployer` makes them
/// through CloudFormation; the workflows' unit tests use an in-memory stand-in, so that `plan`,
/// `deploy`, `down` and `status` are tested end to end without a network.
package protocol StackOperations: Sendable {
    /// What `deploy` would change; changes nothing.
    func plan(stack: StackRequest, options: StackDeployOptions, onEvent: (DeployEvent) -> Void) async throws -> StackPlan
    /// Creates or updates the stack and waits for the end.
    func deploy(stack: StackRequest, options: StackDeployOptions, onEvent: (DeployEvent) -> Void) async throws -> StackDeployResult
    /// Deletes the stack and waits until it is gone; `false` when there was none.
    func delete(stackName: String, onEvent: (DeployEvent) -> Void) async throws -> Bool
    /// The stack's outputs and resources; `nil` when it does not exist (or is only a change set
    /// never executed).
    func observe(stackName: String) async throws -> ObservedStack?
}

/// What a deployed stack provides: its Outputs, and its resources' physical ids by logical id,
/// nested stacks' resources included.
package struct ObservedStack: Sendable, Equatable {
    package var outputs: [String: String]
    package var physicalIds: [String: String]
    /// False when the stack's creation failed and rolled back: it holds nothing the services can
    /// use and can only be deleted (teardown must still be able to delete it).
    package var provisioned: Bool
    package var tags: [String: String]
    /// The values the stack was last deployed with (kept data's ids among them).
    package var parameters: [String: String]

    package init(
        outputs: [String: String], physicalIds: [String: String] = [:], provisioned: Bool = true, tags: [String: String] = [:],
        parameters: [String: String] = [:]
    ) {
        self.outputs = outputs
        self.physicalIds = physicalIds
        self.provisioned = provisioned
        self.tags = tags
        self.parameters = parameters
    }

    /// The mode the stack was deployed in; nil for stacks from before the tag.
    package var mode: DeployMode? { tags[BerthTag.mode].flatMap(DeployMode.init) }
}

extension StackDeployer: StackOperations {}
