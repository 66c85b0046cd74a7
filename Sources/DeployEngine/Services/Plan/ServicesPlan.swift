/// What the services layer will do (plan) or did (deploy), one line per resource.
package struct ServicesPlan: Sendable, Equatable, Codable {
    package var actions: [PlannedAction]

    package init(actions: [PlannedAction] = []) {
        self.actions = actions
    }

    /// Actions that change something; a plan with none means a deploy would make no write call.
    package var changes: [PlannedAction] { actions.filter { $0.kind != .noChange } }
}

package struct PlannedAction: Sendable, Equatable, Codable {
    package enum Kind: String, Sendable, Codable {
        case create, update, replace, delete
        case noChange = "no-change"
    }

    package enum Resource: String, Sendable, Codable {
        case secret, parameter
        case accessPoint = "access-point"
        case rolePolicy = "role-policy"
        case taskDefinition = "task-definition"
        case service
        case scaling
        case repository
    }

    package var kind: Kind
    package var resource: Resource
    package var name: String
    package var reason: String

    package init(_ kind: Kind, _ resource: Resource, _ name: String, _ reason: String) {
        self.kind = kind
        self.resource = resource
        self.name = name
        self.reason = reason
    }
}
