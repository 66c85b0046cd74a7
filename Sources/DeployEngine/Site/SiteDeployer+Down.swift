import AWSRuntime
import ComposeModel
import StackTemplates

extension SiteDeployer {
    package struct DownOptions: Sendable {
        package var services: Set<String>?
        package var accessPoints: Bool
        package var infra: Bool
        /// Also the file systems and the backup bucket, which the stack keeps (Retain).
        package var deleteData: Bool
        package var lock: LockHolder?
        package var waitForLock: Bool

        package init(
            services: Set<String>? = nil, accessPoints: Bool = false, infra: Bool = false, deleteData: Bool = false, lock: LockHolder? = nil,
            waitForLock: Bool = false
        ) {
            self.services = services
            self.accessPoints = accessPoints || infra && services == nil && deleteData
            self.infra = infra
            self.deleteData = deleteData
            self.lock = lock
            self.waitForLock = waitForLock
        }
    }

    package struct DownResult: Sendable, Equatable {
        package var removed: [String] = []
        /// Kept by their retain policy: file systems and the backup bucket, which the next deploy
        /// takes back (see `RetainedDataAdoption`).
        package var kept: [String] = []
        package var nothingDeployed = false
    }

    /// Removes what `deploy` made, in reverse order; each step tolerates what is already gone,
    /// so `down` twice is harmless and an interrupted `down` finishes on the next run.
    package func down(_ options: DownOptions) async throws -> DownResult {
        try await locking(options.lock, wait: options.waitForLock) { try await downUnlocked(options) }
    }

    func downUnlocked(_ options: DownOptions) async throws -> DownResult {
        var result = DownResult()
        let account = try await backend.accountId()
        // One stack (--unified) owns its services, task definitions and access points: removing
        // them through the API would leave the stack describing what no longer exists.
        let unified = try await stacks.observe(stackName: names.stack)?.mode == .unified
        if unified && (!options.infra || options.services != nil) {
            throw DeployError(
                "\(names.stack) is one stack (--unified): its services are resources of the stack and go only with it",
                hint: "run `berth down --infra` to delete the stack (file systems and backups are kept)")
        }
        let target = unified ? nil : try await readTarget(accountId: account)
        let builder = target.map { DesiredStateBuilder(site: site, target: $0, names: names, content: content) }
        // `--service` names compose services: their tasks' ECS services go, and the access
        // points of those tasks' members.
        let selectedTasks = options.services.map { only in
            site.tasks.filter { only.contains($0.name) || $0.memberNames.contains(where: only.contains) }
        }
        let onlyTasks = options.services.map { $0.union(selectedTasks?.map(\.name) ?? []) }
        let onlyMembers = options.services.map { $0.union(selectedTasks?.flatMap(\.memberNames) ?? []) }
        if let target, let builder {
            let services = try await backend.siteServices(cluster: target.cluster, project: names.project, environment: names.environment)
                .filter { onlyTasks?.contains($0) ?? true }
            for name in services.sorted() {
                onEvent(.note("removing service \(name) (scaling to 0, then deleting)"))
                try await backend.scaleService(cluster: target.cluster, name: name, desiredCount: 0)
                try await backend.deleteService(cluster: target.cluster, name: name)
                result.removed.append("service \(name)")
            }
            if options.infra && !services.isEmpty {
                // A task's network interface outlives DeleteService until the task has stopped;
                // deleting the stack before then fails on the security groups and subnets.
                onEvent(.note("waiting for the services' tasks to stop"))
                _ = try await Waiter.operations(timeout: 900).wait(for: "the tasks of \(target.cluster) to stop") {
                    () -> Waiter.State<Bool> in
                    let live = try await backend.liveTaskCount(cluster: target.cluster)
                    return live == 0 ? .done(true) : .retry("\(live) task(s) still running")
                }
            }
            let families = (onlyTasks.map { Array($0).sorted() } ?? site.tasks.map(\.name) + services).uniqued().map(builder.family)
            for family in families.sorted() {
                let arns = try await backend.taskDefinitionArns(family: family)
                for arn in arns { try await backend.deregisterTaskDefinition(arn: arn) }
                if !arns.isEmpty { result.removed.append("\(arns.count) revision(s) of task definition \(family)") }
            }
            if options.accessPoints {
                let points = try await backend.accessPoints(fileSystemIds: Array(Set(target.fileSystems.values)).sorted())
                for point in points where point.project == names.project && point.environment == names.environment {
                    if let only = onlyMembers, !only.contains(where: { point.mount?.hasPrefix($0 + "/") == true }) { continue }
                    try await backend.deleteAccessPoint(id: point.id)
                    result.removed.append("access point \(point.id) (\(point.mount ?? "?"))")
                }
            }
        }
        if options.infra {
            if options.services == nil {
                for (store, name) in try await backend.storedValueNames(prefix: names.secretPrefix) {
                    try await backend.deleteStoredValue(store: store, name: name)
                    result.removed.append("\(store == .secretsManager ? "secret" : "parameter") \(name)")
                }
            }
            // What the stack holds, read before it goes: the tagging index can lag a resource
            // made minutes ago, the stack never does.
            let observed = try await stacks.observe(stackName: names.stack)
            let held = RetainedData(
                fileSystems: input.ownedVolumes.compactMap { volume in target?.fileSystems[volume.name].map { .init(id: $0, volume: volume.name) } },
                buckets: [observed?.outputs[.backupBucket]].compactMap { $0 })
            onEvent(.layer(.infra, "deleting stack \(names.stack)"))
            if try await stacks.delete(stackName: names.stack, onEvent: { onEvent(.stack($0)) }) {
                result.removed.append("stack \(names.stack)")
            }
            // What the environment keeps, found by its tags: the deleted stack's file systems and
            // bucket, those it had taken back, and any left by earlier stacks or renamed volumes.
            let tagged = try await backend.taggedData(project: names.project, environment: names.environment)
            let externals = Set(input.volumes.compactMap(\.externalFileSystem))
            var kept = tagged
            kept.fileSystems += held.fileSystems.filter { fileSystem in !tagged.fileSystems.contains { $0.id == fileSystem.id } }
            kept.buckets += held.buckets.filter { !tagged.buckets.contains($0) }
            // Another stack's mount targets, or this file's own `external:` naming: in use, never deleted.
            let inUse = kept.fileSystems.filter { $0.inUse || externals.contains($0.id) }
            kept.fileSystems.removeAll { $0.inUse || externals.contains($0.id) }
            for fileSystem in inUse { result.kept.append("\(fileSystem.label): in use by another stack or as an external volume") }
            if options.deleteData {
                for fileSystem in kept.fileSystems {
                    try await backend.deleteFileSystem(fileSystem.id)
                    result.removed.append(fileSystem.label)
                }
                for bucket in kept.buckets where try await backend.emptyAndDeleteBucket(bucket) {
                    result.removed.append("backup bucket \(bucket)")
                }
            } else {
                for fileSystem in kept.fileSystems {
                    result.kept.append(
                        "\(fileSystem.label): the next deploy takes it back")
                }
                for bucket in kept.buckets { result.kept.append("backup bucket \(bucket): the next deploy takes it back") }
            }
            // The project's, shared with its other environments (see `ProjectRepositories`).
            for service in input.services where service.hasRepository {
                let name = names.repository(service: service.name)
                if try await backend.repositoryExists(name) {
                    result.kept.append("repository \(name): the project's, shared by its environments")
                }
            }
        }
        result.nothingDeployed = target == nil && result.removed.isEmpty
        return result
    }
}
