import AWSRuntime

// The ECS states Berth reads or sends, from the ECS API reference (the `Service`, `Deployment`,
// `ListTasks` and `TaskDefinition` shapes). Each keeps a value added after this was written
// as `.unknown`, so a describe call never fails on it.

extension ECSClient {
    /// `Service.status`: `DRAINING` after `DeleteService` while its tasks stop, then `INACTIVE`.
    /// DescribeServices still returns both (ListServices does not), so a name that is taken by a
    /// deleted service is not a service to update.
    package enum ServiceStatus: AWSEnum {
        case active, draining, inactive
        case unknown(String)

        package static let knownCases: [Self] = [.active, .draining, .inactive]

        package var rawValue: String {
            switch self {
            case .active: "ACTIVE"
            case .draining: "DRAINING"
            case .inactive: "INACTIVE"
            case .unknown(let rawValue): rawValue
            }
        }
    }

    /// `Deployment.status`: `PRIMARY` is the newest deployment, `ACTIVE` one still running tasks
    /// that the primary replaces, `INACTIVE` one fully replaced.
    package enum DeploymentStatus: AWSEnum {
        case primary, active, inactive
        case unknown(String)

        package static let knownCases: [Self] = [.primary, .active, .inactive]

        package var rawValue: String {
            switch self {
            case .primary: "PRIMARY"
            case .active: "ACTIVE"
            case .inactive: "INACTIVE"
            case .unknown(let rawValue): rawValue
            }
        }
    }

    /// `Deployment.rolloutState`: `COMPLETED` at a steady state, `FAILED` when the circuit breaker
    /// stopped the rollout. Absent for services behind a Classic Load Balancer.
    package enum DeploymentRolloutState: AWSEnum {
        case inProgress, completed, failed
        case unknown(String)

        package static let knownCases: [Self] = [.inProgress, .completed, .failed]

        package var rawValue: String {
            switch self {
            case .inProgress: "IN_PROGRESS"
            case .completed: "COMPLETED"
            case .failed: "FAILED"
            case .unknown(let rawValue): rawValue
            }
        }
    }

    /// The state a task is meant to reach (`Task.desiredStatus`, and `ListTasks`' filter).
    package enum DesiredStatus: AWSEnum {
        case running, pending, stopped
        case unknown(String)

        package static let knownCases: [Self] = [.running, .pending, .stopped]

        package var rawValue: String {
            switch self {
            case .running: "RUNNING"
            case .pending: "PENDING"
            case .stopped: "STOPPED"
            case .unknown(let rawValue): rawValue
            }
        }
    }

    /// `TaskDefinition.status`, and `ListTaskDefinitions`' filter: `INACTIVE` after
    /// `DeregisterTaskDefinition`, `DELETE_IN_PROGRESS` after `DeleteTaskDefinitions`.
    package enum TaskDefinitionStatus: AWSEnum {
        case active, inactive, deleteInProgress
        case unknown(String)

        package static let knownCases: [Self] = [.active, .inactive, .deleteInProgress]

        package var rawValue: String {
            switch self {
            case .active: "ACTIVE"
            case .inactive: "INACTIVE"
            case .deleteInProgress: "DELETE_IN_PROGRESS"
            case .unknown(let rawValue): rawValue
            }
        }
    }
}
