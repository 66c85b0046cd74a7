/// What `deploy` would do to a stack, found without changing it.
public enum StackPlan: Sendable, Equatable {
    /// The stack does not exist: every resource is an add.
    case create([PlannedResourceChange])
    /// The stack exists and differs. The list can be empty when only stack tags or parameters
    /// that no resource uses differ.
    case update([PlannedResourceChange])
    /// The template, parameters and tags equal the stack's.
    case noChanges

    public var changes: [PlannedResourceChange] {
        switch self {
        case .create(let changes), .update(let changes): changes
        case .noChanges: []
        }
    }

    public var hasChanges: Bool { self != .noChanges }
}
