import AWSServices
import DeployEngine
import Foundation

/// An AWS stand-in for the reconciler's unit tests: keeps resources in memory and counts writes.
final class InMemoryServicesBackend: ServicesBackend, @unchecked Sendable {
    private let lock = NSLock()
    var values: [String: (arn: String, digest: String, version: Int)] = [:]
    var accessPoints: [ObservedAccessPoint] = []
    var policies: [String: String] = [:]
    var images: [String: String] = [:]
    var taskDefinitions: [String: [(arn: String, spec: TaskDefinitionSpec)]] = [:]
    var services: [String: ObservedService] = [:]
    var scalings: [String: ObservedScaling] = [:]
    var repositories: Set<String> = []
    /// ACM certificates of the account and region, by ARN.
    var certificates: [String: CertificateStatus] = [:]
    /// The domain of each certificate above that was requested (or placed) for one.
    var certificateDomains: [String: String] = [:]
    /// Public Route 53 hosted zones: name (no final dot) → id.
    var hostedZones: [String: String] = [:]
    /// What the infrastructure stack made and `down --delete-data` removes.
    /// Tagged file systems of the site: id → the volume it was made for.
    var fileSystems: [String: String] = [:]
    /// Mount targets of file systems another stack uses.
    var mountTargets: [String: Int] = [:]
    /// What `status` reads: set by tests.
    var running: [RunningTask] = []
    var utilizations: [String: Utilization] = [:]
    var alarms: [AlarmState] = []
    /// How often the tagged data was read (a read: not among `writes`).
    var taggedDataReads = 0
    var buckets: Set<String> = []
    /// Environment locks by name (`Names.lockParameter`).
    var locks: [String: String] = [:]
    var lockWrites: [String] = []
    var writes: [String] = []
    /// Service name → the next rollout fails.
    var failNextRollout: Set<String> = []
    var nextId = 0

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    func record(_ write: String) { writes.append(write) }
    private func id() -> Int { nextId += 1; return nextId }

    func storedValue(_ spec: StoredValueSpec) async throws -> ObservedValue? {
        locked { values[spec.name].map { ObservedValue(arn: $0.arn, digest: $0.digest, version: String($0.version)) } }
    }
    func putStoredValue(_ spec: StoredValueSpec, exists: Bool) async throws -> ObservedValue {
        locked {
            record("put \(spec.name)")
            let arn =
                values[spec.name]?.arn
                ?? (spec.store == .secretsManager
                    ? "arn:aws:secretsmanager:us-east-1:123456789012:secret:\(spec.name)-AbCdEf"
                    : "arn:aws:ssm:us-east-1:123456789012:parameter\(spec.name)")
            let version = (values[spec.name]?.version ?? 0) + 1
            values[spec.name] = (arn, spec.digest, version)
            return ObservedValue(arn: arn, digest: spec.digest, version: String(version))
        }
    }
    func deleteStoredValue(store: StoredValueSpec.Store, name: String) async throws {
        locked {
            record("delete \(name)"); values[name] = nil
        }
    }
    func storedValueNames(prefix: String) async throws -> [(StoredValueSpec.Store, String)] {
        locked { values.keys.filter { $0.contains(prefix) }.map { (.secretsManager, $0) } }
    }
    func accessPoints(fileSystemIds: [String]) async throws -> [ObservedAccessPoint] {
        locked { accessPoints.filter { fileSystemIds.contains($0.fileSystemId) } }
    }
    func createAccessPoint(_ spec: AccessPointSpec, tags: [EFSTag]) async throws -> ObservedAccessPoint {
        locked {
            if let existing = accessPoints.first(where: { $0.clientToken == spec.clientToken }) { return existing }
            record("create access point \(spec.key)")
            let n = id()
            let point = ObservedAccessPoint(
                id: "fsap-\(n)", arn: "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-\(n)", fileSystemId: spec.fileSystemId,
                clientToken: spec.clientToken, mount: tags.first { $0.Key == "berth:mount" }?.Value,
                project: tags.first { $0.Key == "berth:project" }?.Value, environment: tags.first { $0.Key == "berth:environment" }?.Value)
            accessPoints.append(point)
            return point
        }
    }
    func deleteAccessPoint(id: String) async throws {
        locked {
            record("delete access point \(id)"); accessPoints.removeAll { $0.id == id }
        }
    }
    func rolePolicy(roleArn: String, name: String) async throws -> String? { locked { policies["\(roleArn)|\(name)"] } }
    func putRolePolicy(roleArn: String, name: String, document: String) async throws {
        locked {
            record("put policy \(roleArn)"); policies["\(roleArn)|\(name)"] = document
        }
    }
    func imageDigests(_ tags: [String: Set<String>]) async throws -> [String: [String: String]] {
        locked {
            Dictionary(
                uniqueKeysWithValues: tags.map { uri, wanted in
                    (uri, Dictionary(uniqueKeysWithValues: wanted.compactMap { tag in images["\(uri):\(tag)"].map { (tag, $0) } }))
                })
        }
    }
    func latestTaskDefinition(family: String) async throws -> ObservedTaskDefinition? {
        locked { taskDefinitions[family]?.last.map(Self.observed) }
    }
    func taskDefinition(arn: String) async throws -> ObservedTaskDefinition? {
        locked { taskDefinitions.values.joined().first { $0.arn == arn }.map(Self.observed) }
    }
    static func observed(_ registered: (arn: String, spec: TaskDefinitionSpec)) -> ObservedTaskDefinition {
        ObservedTaskDefinition(
            arn: registered.arn, hash: registered.spec.tags?.first { $0.key == "berth:hash" }?.value,
            images: Dictionary(
                registered.spec.containerDefinitions.compactMap { container in container.name.flatMap { name in container.image.map { (name, $0) } }
                },
                uniquingKeysWith: { a, _ in a }))
    }
    func registerTaskDefinition(_ spec: TaskDefinitionSpec) async throws -> String {
        locked {
            record("register \(spec.family)")
            let revision = (taskDefinitions[spec.family]?.count ?? 0) + 1
            let arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/\(spec.family):\(revision)"
            taskDefinitions[spec.family, default: []].append((arn, spec))
            return arn
        }
    }
    func taskDefinitionArns(family: String) async throws -> [String] { locked { taskDefinitions[family]?.map(\.arn) ?? [] } }
    func deregisterTaskDefinition(arn: String) async throws {
        locked {
            record("deregister \(arn)")
            for key in taskDefinitions.keys { taskDefinitions[key]?.removeAll { $0.arn == arn } }
        }
    }
    func services(cluster: String, names: [String]) async throws -> [ObservedService] {
        locked {
            names.compactMap { name -> ObservedService? in
                guard var service = services[name] else { return nil }
                // Converge one step per poll, like the gate's patched moto.
                if var primary = service.primary, primary.rolloutState == .inProgress {
                    primary.rolloutState = failNextRollout.remove(name) != nil ? .failed : .completed
                    primary.runningCount = primary.desiredCount
                    service.deployments = [primary]
                    service.runningCount = primary.desiredCount
                    service.events.insert(.init(id: "e\(id())", message: "(service \(name)) has reached a steady state."), at: 0)
                    services[name] = service
                }
                return service
            }
        }
    }
    func siteServices(cluster: String, project: String, environment: String) async throws -> [String] {
        locked { services.values.filter { $0.status == .active }.map(\.name) }
    }
    func createService(_ spec: ServiceSpec) async throws {
        locked {
            record("create service \(spec.serviceName)")
            services[spec.serviceName] = ObservedService(
                name: spec.serviceName, arn: "arn:svc/\(spec.serviceName)", status: .active, taskDefinition: spec.taskDefinition ?? "",
                desiredCount: spec.desiredCount ?? 1, runningCount: 0, hash: spec.hash,
                deployments: [
                    .init(
                        id: "d\(id())", status: .primary, rolloutState: .inProgress, rolloutStateReason: nil,
                        taskDefinition: spec.taskDefinition ?? "", runningCount: 0, desiredCount: spec.desiredCount ?? 1)
                ],
                events: [])
        }
    }
    func updateService(_ spec: ServiceSpec, forceNewDeployment: Bool, retag: Bool) async throws {
        locked {
            record("update service \(spec.serviceName)")
            guard var service = services[spec.serviceName] else { return }
            service.taskDefinition = spec.taskDefinition ?? service.taskDefinition
            service.desiredCount = spec.desiredCount ?? service.desiredCount
            if retag { service.hash = spec.hash }
            service.deployments = [
                .init(
                    id: "d\(id())", status: .primary, rolloutState: .inProgress, rolloutStateReason: nil, taskDefinition: spec.taskDefinition ?? "",
                    runningCount: 0, desiredCount: service.desiredCount)
            ]
            services[spec.serviceName] = service
        }
    }
    func restartService(cluster: String, name: String) async throws {
        locked {
            record("restart service \(name)")
            guard var service = services[name] else { return }
            service.deployments = [
                .init(
                    id: "d\(id())", status: .primary, rolloutState: .inProgress, rolloutStateReason: nil, taskDefinition: service.taskDefinition,
                    runningCount: 0, desiredCount: service.desiredCount)
            ]
            services[name] = service
        }
    }
    func scaleService(cluster: String, name: String, desiredCount: Int) async throws {
        locked {
            record("scale \(name) \(desiredCount)"); services[name]?.desiredCount = desiredCount
        }
    }
    func deleteService(cluster: String, name: String) async throws {
        locked {
            record("delete service \(name)"); services[name]?.status = .inactive
        }
    }
    func liveTaskCount(cluster: String) async throws -> Int { 0 }
    func stoppedTasks(cluster: String, service: String) async throws -> [ObservedTask] {
        [ObservedTask(id: "abc123", stoppedReason: "Essential container in task exited", containers: [(name: service, exitCode: 1, reason: nil)])]
    }
    func logTail(group: String, streamPrefix: String, lines: Int) async throws -> [String] { ["Error: cannot connect to cms:1337"] }
    func scaling(resourceId: String) async throws -> ObservedScaling? { locked { scalings[resourceId] } }
    func putScaling(_ spec: ScalingSpec) async throws {
        locked {
            record("scaling \(spec.resourceId)")
            scalings[spec.resourceId] = ObservedScaling(
                min: spec.min, max: spec.max, policies: Dictionary(spec.policies.map { ($0.name, $0.target) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    var writeCount: Int { locked { writes.count } }
    func resetWrites() { locked { writes = [] } }
}
