import AWSServices

/// The AWS calls the services layer makes, in the engine's own terms. `AWSServicesBackend`
/// makes them for real; tests use an in-memory one. Keeping the reconciler behind this seam is
/// what lets its decisions be tested without a network.
package protocol ServicesBackend: Sendable {
    /// The digest Berth stored with the value (never the value itself), and the value's ARN.
    func storedValue(_ spec: StoredValueSpec) async throws -> ObservedValue?
    /// Creates or overwrites; returns the ARN and the new version.
    func putStoredValue(_ spec: StoredValueSpec, exists: Bool) async throws -> ObservedValue
    func deleteStoredValue(store: StoredValueSpec.Store, name: String) async throws
    /// Stored values under the site's prefix.
    func storedValueNames(prefix: String) async throws -> [(StoredValueSpec.Store, String)]

    func accessPoints(fileSystemIds: [String]) async throws -> [ObservedAccessPoint]
    /// Creates, or — when the client token was used already — returns the existing one.
    func createAccessPoint(_ spec: AccessPointSpec, tags: [EFSTag]) async throws -> ObservedAccessPoint
    func deleteAccessPoint(id: String) async throws

    func rolePolicy(roleArn: String, name: String) async throws -> String?
    func putRolePolicy(roleArn: String, name: String, document: String) async throws

    /// Digest of `repository:tag` in ECR, `nil` when it is not there.
    /// Repository URI → its tags → the digest each names now; a missing tag or repository is absent.
    func imageDigests(_ tags: [String: Set<String>]) async throws -> [String: [String: String]]

    /// The newest ACTIVE revision of a family, with its `berth:hash` tag.
    func latestTaskDefinition(family: String) async throws -> ObservedTaskDefinition?
    /// One revision, by ARN; `nil` when it is gone (INACTIVE or deleted).
    func taskDefinition(arn: String) async throws -> ObservedTaskDefinition?
    func registerTaskDefinition(_ spec: TaskDefinitionSpec) async throws -> String
    /// ACTIVE revision ARNs of the family, oldest first.
    func taskDefinitionArns(family: String) async throws -> [String]
    func deregisterTaskDefinition(arn: String) async throws

    func services(cluster: String, names: [String]) async throws -> [ObservedService]
    /// Services in the cluster tagged with this project and environment.
    func siteServices(cluster: String, project: String, environment: String) async throws -> [String]
    func createService(_ spec: ServiceSpec) async throws
    /// `retag`: the settings' `berth:hash` changed, so the service's tags are written too.
    func updateService(_ spec: ServiceSpec, forceNewDeployment: Bool, retag: Bool) async throws
    /// New tasks of the revision the service runs (UpdateService with force-new-deployment alone).
    func restartService(cluster: String, name: String) async throws
    func scaleService(cluster: String, name: String, desiredCount: Int) async throws
    func deleteService(cluster: String, name: String) async throws
    /// How many of the cluster's tasks are not yet stopped.
    func liveTaskCount(cluster: String) async throws -> Int
    /// Recently stopped tasks of a service, for explaining a failed rollout.
    func stoppedTasks(cluster: String, service: String) async throws -> [ObservedTask]
    func logTail(group: String, streamPrefix: String, lines: Int) async throws -> [String]

    func scaling(resourceId: String) async throws -> ObservedScaling?
    func putScaling(_ spec: ScalingSpec) async throws
}

package struct ObservedValue: Sendable, Equatable {
    package var arn: String
    package var digest: String?
    /// The current version: Secrets Manager's random version id, Parameter Store's counter. It
    /// changes with every write and says nothing about the value, so task definitions carry it
    /// to be replaced when a file's content changes.
    package var version: String?

    package init(arn: String, digest: String?, version: String? = nil) {
        self.arn = arn
        self.digest = digest
        self.version = version
    }
}

package struct ObservedAccessPoint: Sendable, Equatable {
    package var id: String
    package var arn: String
    package var fileSystemId: String
    package var clientToken: String?
    /// `berth:mount` tag: "service/volume".
    package var mount: String?
    package var project: String?
    package var environment: String?

    package init(id: String, arn: String, fileSystemId: String, clientToken: String?, mount: String?, project: String?, environment: String?) {
        self.id = id
        self.arn = arn
        self.fileSystemId = fileSystemId
        self.clientToken = clientToken
        self.mount = mount
        self.project = project
        self.environment = environment
    }
}

package struct ObservedTaskDefinition: Sendable, Equatable {
    package var arn: String
    package var hash: String?
    /// Container name → image, as registered.
    package var images: [String: String]
    package init(arn: String, hash: String?, images: [String: String] = [:]) {
        self.arn = arn
        self.hash = hash
        self.images = images
    }
}

package struct ObservedService: Sendable, Equatable {
    package var name: String
    package var arn: String
    package var status: ECSClient.ServiceStatus
    package var taskDefinition: String
    package var desiredCount: Int
    package var runningCount: Int
    /// Tasks started but not yet running (pulling images, waiting for health checks).
    package var pendingCount = 0
    package var hash: String?
    package var deployments: [Deployment]
    /// Newest first.
    package var events: [Event]

    package struct Deployment: Sendable, Equatable {
        package var id: String
        package var status: ECSClient.DeploymentStatus
        package var rolloutState: ECSClient.DeploymentRolloutState?
        package var rolloutStateReason: String?
        package var taskDefinition: String
        package var runningCount: Int
        package var desiredCount: Int
        package init(
            id: String, status: ECSClient.DeploymentStatus, rolloutState: ECSClient.DeploymentRolloutState?, rolloutStateReason: String?,
            taskDefinition: String, runningCount: Int, desiredCount: Int
        ) {
            self.id = id
            self.status = status
            self.rolloutState = rolloutState
            self.rolloutStateReason = rolloutStateReason
            self.taskDefinition = taskDefinition
            self.runningCount = runningCount
            self.desiredCount = desiredCount
        }
    }

    package struct Event: Sendable, Equatable {
        package var id: String
        package var message: String
        package init(id: String, message: String) {
            self.id = id
            self.message = message
        }
    }

    package init(
        name: String, arn: String, status: ECSClient.ServiceStatus, taskDefinition: String, desiredCount: Int, runningCount: Int, hash: String?,
        deployments: [Deployment], events: [Event]
    ) {
        self.name = name
        self.arn = arn
        self.status = status
        self.taskDefinition = taskDefinition
        self.desiredCount = desiredCount
        self.runningCount = runningCount
        self.hash = hash
        self.deployments = deployments
        self.events = events
    }

    package var primary: Deployment? { deployments.first { $0.status == .primary } }
}

package struct ObservedTask: Sendable, Equatable {
    package var id: String
    package var stoppedReason: String?
    package var containers: [(name: String, exitCode: Int?, reason: String?)]

    package init(id: String, stoppedReason: String?, containers: [(name: String, exitCode: Int?, reason: String?)]) {
        self.id = id
        self.stoppedReason = stoppedReason
        self.containers = containers
    }

    package static func == (lhs: ObservedTask, rhs: ObservedTask) -> Bool {
        lhs.id == rhs.id && lhs.stoppedReason == rhs.stoppedReason
            && lhs.containers.map { "\($0.name)|\($0.exitCode ?? -1)|\($0.reason ?? "")" }
                == rhs.containers.map { "\($0.name)|\($0.exitCode ?? -1)|\($0.reason ?? "")" }
    }
}

package struct ObservedScaling: Sendable, Equatable {
    package var min: Int
    package var max: Int
    /// Policy name → (metric, target).
    package var policies: [String: Double]
    package init(min: Int, max: Int, policies: [String: Double]) {
        self.min = min
        self.max = max
        self.policies = policies
    }
}
