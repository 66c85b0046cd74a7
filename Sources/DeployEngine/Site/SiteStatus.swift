import AWSServices
import ComposeModel
import StackTemplates

/// What `berth status` reports: the stack, its address, and each task's service as it runs now.
/// Made from what a backend observed, so it reads the same from AWS and from the in-memory
/// backend of the tests.
package struct SiteStatus: Encodable, Sendable, Equatable {
    package struct ServiceState: Encodable, Sendable, Equatable {
        package var name: String
        package var status: String
        package var running: Int
        package var desired: Int
        package var taskDefinition: String
        package var rollout: String?
        /// The compose services running as the task's containers, when it groups several.
        package var containers: [String]?
    }

    package var stack: String
    package var deployed: Bool
    /// The first of `urls`, for scripts that read one address.
    package var url: String?
    /// Every address that answers (see `InfraStackInput.addresses`).
    package var urls: [String]
    package var services: [ServiceState]
    /// Each volume's file system (volume → id) and the backup bucket the stack uses.
    package var fileSystems: [String: String] = [:]
    package var backupBucket: String?
    /// The environment's data that no stack uses: left by `down --infra`, a failed create or a
    /// renamed volume. The next deploy takes back what matches its volumes.
    package var kept = RetainedData()

    package static func notDeployed(stack: String, kept: RetainedData = RetainedData()) -> SiteStatus {
        var status = SiteStatus(stack: stack, deployed: false, urls: [], services: [])
        status.kept = kept
        return status
    }

    /// Each of the site's tasks, in the compose file's order, matched with its observed service
    /// (an inactive one counts as not deployed).
    package init(stack: String, site: Site, observed: [ObservedService], urls: [String]) {
        self.stack = stack
        self.deployed = true
        self.urls = urls
        self.url = urls.first
        self.services = site.tasks.map { task in
            let containers = task.isSingle ? nil : task.memberNames
            guard let found = observed.first(where: { $0.name == task.name && $0.status != .inactive }) else {
                return ServiceState(
                    name: task.name, status: "not deployed", running: 0, desired: 0, taskDefinition: "-", rollout: nil, containers: containers)
            }
            return ServiceState(
                name: task.name, status: found.status.rawValue.lowercased(), running: found.runningCount, desired: found.desiredCount,
                taskDefinition: found.taskDefinition.split(separator: "/").last.map(String.init) ?? found.taskDefinition,
                rollout: found.primary?.rolloutState?.rawValue.lowercased(), containers: containers)
        }
    }

    init(stack: String, deployed: Bool, urls: [String], services: [ServiceState]) {
        self.stack = stack
        self.deployed = deployed
        self.urls = urls
        self.url = urls.first
        self.services = services
    }

    /// Reads the site's status: the stack's outputs and resources, then its services through
    /// `backend`. Only reads.
    package static func read(names: Names, site: Site, input: InfraStackInput, backend: any SiteBackend, stacks: any StackOperations)
        async throws -> SiteStatus
    {
        let observed = try await stacks.observe(stackName: names.stack)
        let data = try await backend.taggedData(project: names.project, environment: names.environment)
        guard let observed, observed.provisioned else { return .notDeployed(stack: names.stack, kept: data) }
        let target = try SiteTarget(
            observed: observed, stack: names.stack, input: input, accountId: try await backend.accountId(), region: backend.region)
        let services = try await backend.services(cluster: target.cluster, names: site.tasks.map(\.name))
        var status = SiteStatus(stack: names.stack, site: site, observed: services, urls: input.addresses(outputs: observed.outputs))
        status.fileSystems = target.fileSystems
        status.backupBucket = observed.outputs[.backupBucket]
        status.kept = RetainedDataAdoption(input: input, stack: observed, data: data).unused
        return status
    }
}
