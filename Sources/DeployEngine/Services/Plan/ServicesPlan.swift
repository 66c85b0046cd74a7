/// What the services layer will do (plan) or did (deploy), one line per resource.
public struct ServicesPlan: Sendable, Equatable, Codable {
    public var actions: [PlannedAction]

    public init(actions: [PlannedAction] = []) {
        self.actions = actions
    }

    /// Actions that change something; a plan with none means a deploy would make no write call.
    public var changes: [PlannedAction] { actions.filter { $0.kind != .noChange } }
}

public struct PlannedAction: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case create, update, replace, delete
        case noChange = "no-change"
    }

    public enum Resource: String, Sendable, Codable {
        case secret, parameter
        case accessPoint = "access-point"
        case rolePolicy = "role-policy"
        case taskDefinition = "task-definition"
        case service
        case scaling
        case repository
    }

    public var kind: Kind
    public var resource: Resource
    public var name: String
    public var reason: String

    public init(_ kind: Kind, _ resource: Resource, _ name: String, _ reason: String) {
        self.kind = kind
        self.resource = resource
        self.name = name
        self.reason = reason
    }
}
