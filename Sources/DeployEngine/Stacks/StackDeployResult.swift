/// What `deploy` did.
package struct StackDeployResult: Sendable, Equatable {
    package enum Outcome: Sendable, Equatable {
        case created
        case updated
        /// Nothing differed; nothing was executed.
        case noChanges
    }

    package var stackName: String
    package var stackId: String?
    package var outcome: Outcome
    /// The resources the executed change set touched (empty for `.noChanges`).
    package var changes: [PlannedResourceChange]
    /// The stack's outputs after the deploy, by key.
    package var outputs: [String: String]

    package init(stackName: String, stackId: String?, outcome: Outcome, changes: [PlannedResourceChange], outputs: [String: String]) {
        self.stackName = stackName
        self.stackId = stackId
        self.outcome = outcome
        self.changes = changes
        self.outputs = outputs
    }
}
