import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

/// Progress of the services layer, as values; drawing them is the CLI's job.
package enum ServicesEvent: Sendable, Equatable {
    /// An action was decided (plan) or carried out (deploy).
    case action(PlannedAction, applied: Bool)
    case rollout(service: String, running: Int, desired: Int, state: ECSClient.DeploymentRolloutState)
    case serviceEvent(service: String, message: String)
    case stable(service: String)
    case note(String)
}
