/// What `deploy` did.
public struct StackDeployResult: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case created
        case updated
        /// Nothing differed; nothing was executed.
        case noChanges
    }

    public var stackName: String
    public var stackId: String?
    public var outcome: Outcome
    /// The resources the executed change set touched (empty for `.noChanges`).
    public var changes: [PlannedResourceChange]
    /// The stack's outputs after the deploy, by key.
    public var outputs: [String: String]

    public init(stackName: String, stackId: String?, outcome: Outcome, changes: [PlannedResourceChange], outputs: [String: String]) {
        self.stackName = stackName
        self.stackId = stackId
        self.outcome = outcome
        self.changes = changes
        self.outputs = outputs
    }
}
