import AWSServices
import ComposeModel
import ImageRegistry
import StackTemplates

/// What `berth status` reports, for the person on call: per service its task counts, rollout,
/// revision, size, what it uses of that size, the image digests it runs, its alarms and (when
/// something is wrong) its last events; the addresses, the data, and a monthly cost estimate.
/// Made from what a backend observed, so it reads the same from AWS and from the in-memory
/// backend of the tests. Every read is batched (see `read`).
package struct SiteStatus: Encodable, Sendable, Equatable {
    package struct ServiceState: Encodable, Sendable, Equatable {
        package var name: String
        package var status: String
        package var running: Int
        package var desired: Int
        package var pending = 0
        package var taskDefinition: String
        package var rollout: String?
        package var rolloutReason: String?
        /// The compose services running as the task's containers, when it groups several.
        package var containers: [String]?
        package var size: String?
        /// Average use of the size over the last 15 minutes, in percent.
        package var utilization: Utilization?
        package var images: [ImageState] = []
        package var alarms: [AlarmState] = []
        /// The service's last events, when it is not as desired (rollout failed, tasks missing).
        package var events: [String] = []
        package var addresses: [String] = []

        /// Running as asked: every desired task running and no rollout failed.
        package var isHealthy: Bool { status == "active" && running >= desired && rollout != "failed" }
    }

    package struct ImageState: Encodable, Sendable, Equatable {
        package var container: String
        /// As the compose file names it (tag included).
        package var image: String
        /// What the running tasks run; nil before a task has pulled it.
        package var digest: String?

        package init(container: String, image: String, digest: String?) {
            self.container = container
            self.image = image
            self.digest = digest
        }
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
    package var monthlyCost: MonthlyCost?

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
            var state = ServiceState(
                name: task.name, status: found.status.rawValue.lowercased(), running: found.runningCount, desired: found.desiredCount,
                pending: found.pendingCount, taskDefinition: found.taskDefinition.split(separator: "/").last.map(String.init) ?? found.taskDefinition,
                rollout: found.primary?.rolloutState?.rawValue.lowercased(), rolloutReason: found.primary?.rolloutStateReason,
                containers: containers)
            if !state.isHealthy { state.events = found.events.prefix(3).map(\.message) }
            return state
        }
    }

    init(stack: String, deployed: Bool, urls: [String], services: [ServiceState]) {
        self.stack = stack
        self.deployed = deployed
        self.urls = urls
        self.url = urls.first
        self.services = services
    }

    /// Reads the site's status. Only reads, each kind batched: the stack (DescribeStacks,
    /// ListStackResources), the services (DescribeServices, 10 a call), the running tasks
    /// (ListTasks, DescribeTasks 100 a call), the metrics (one GetMetricData), the alarms (one
    /// DescribeAlarms) and the tagged data (one GetResources, then one DescribeFileSystems each).
    package static func read(names: Names, site: Site, input: InfraStackInput, backend: any SiteBackend, stacks: any StackOperations)
        async throws -> SiteStatus
    {
        let observed = try await stacks.observe(stackName: names.stack)
        let data = try await backend.taggedData(project: names.project, environment: names.environment)
        guard let observed, observed.provisioned else { return .notDeployed(stack: names.stack, kept: data) }
        let target = try SiteTarget(
            observed: observed, stack: names.stack, input: input, accountId: try await backend.accountId(), region: backend.region)
        let taskNames = site.tasks.map(\.name)
        let services = try await backend.services(cluster: target.cluster, names: taskNames)
        var status = SiteStatus(stack: names.stack, site: site, observed: services, urls: input.addresses(outputs: observed.outputs))
        status.fileSystems = target.fileSystems
        status.backupBucket = observed.outputs[.backupBucket]
        status.kept = RetainedDataAdoption(input: input, stack: observed, data: data).unused

        let running = try await backend.runningTasks(cluster: target.cluster)
        let utilization = try await backend.utilization(cluster: target.cluster, services: services.map(\.name))
        let alarms = try await SiteAlarms.read(input: input, observed: observed, backend: backend)
        let addresses = input.serviceAddresses(outputs: observed.outputs)
        for index in status.services.indices {
            let name = status.services[index].name
            guard let task = site.task(named: name) else { continue }
            let mine = running.filter { $0.service == name }
            status.services[index].size = (mine.first?.size ?? task.fargateSize)?.description
            status.services[index].utilization = utilization[name]
            status.services[index].images = task.members.map { member in
                ImageState(container: member.name, image: member.image ?? member.name, digest: mine.lazy.compactMap { $0.digests[member.name] }.first)
            }
            status.services[index].alarms = alarms.filter { $0.subject == .service(name) }.map(\.state)
            status.services[index].addresses = addresses.filter { task.memberNames.contains($0.service) }.map(\.address)
        }
        status.monthlyCost = Self.cost(site: site, input: input, services: status.services, target: target, data: data, outputs: observed.outputs)
        return status
    }

    static func cost(site: Site, input: InfraStackInput, services: [ServiceState], target: SiteTarget, data: RetainedData, outputs: [String: String])
        -> MonthlyCost
    {
        let tasks = services.compactMap { state -> MonthlyCost.TaskLine? in
            guard let task = site.task(named: state.name), let size = task.fargateSize, state.desired > 0 else { return nil }
            return MonthlyCost.TaskLine(task: task, size: size, count: state.desired)
        }
        let loadBalancers = SiteCost.loadBalancers(outputs: outputs, input: input)
        let inUse = Set(target.fileSystems.values)
        return MonthlyCost(
            tasks: tasks, loadBalancers: loadBalancers, input: input, publicTasks: target.assignPublicIp == "ENABLED",
            storageBytes: data.fileSystems.filter { inUse.contains($0.id) }.compactMap(\.sizeBytes).reduce(0, +))
    }
}
