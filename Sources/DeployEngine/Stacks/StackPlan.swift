/// What `deploy` would do to a stack, found without changing it.
package enum StackPlan: Sendable, Equatable {
    /// The stack does not exist: every resource is an add.
    case create([PlannedResourceChange])
    /// The stack exists and differs. The list can be empty when only stack tags or parameters
    /// that no resource uses differ.
    case update([PlannedResourceChange])
    /// The template, parameters and tags equal the stack's.
    case noChanges

    package var changes: [PlannedResourceChange] {
        switch self {
        case .create(let changes), .update(let changes): changes
        case .noChanges: []
        }
    }

    package var hasChanges: Bool { self != .noChanges }
}
