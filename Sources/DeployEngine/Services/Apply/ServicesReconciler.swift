import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

/// Brings the services layer — stored values, access points, task definitions, services,
/// autoscaling — to the desired state, in dependency order. With `apply` off it decides the
/// same actions and carries out none: `plan` and `deploy` are one code path.
package struct ServicesReconciler: Sendable {
    package struct Options: Sendable {
        package var apply: Bool
        /// Limit to the tasks of these compose services (`--service`; a task's name selects it
        /// too); removals of other services are skipped then.
        package var services: Set<String>?
        package var waitForStability: Bool
        package var concurrency: Int
        package var waiter: Waiter

        package init(
            apply: Bool, services: Set<String>? = nil, waitForStability: Bool = true, concurrency: Int = 4,
            waiter: Waiter = .operations()
        ) {
            self.apply = apply
            self.services = services
            self.waitForStability = waitForStability
            self.concurrency = concurrency
            self.waiter = waiter
        }
    }

    let backend: any ServicesBackend
    /// The infrastructure stack's real ids, which the reconciler's own calls use.
    let target: SiteTarget
    /// The desired state over the same ids.
    let builder: DesiredStateBuilder
    var options: Options
    var progress: @Sendable (ServicesEvent) -> Void

    package init(
        backend: any ServicesBackend, site: Site, target: SiteTarget, names: Names, content: ContentReader, options: Options,
        progress: @escaping @Sendable (ServicesEvent) -> Void = { _ in }
    ) {
        self.backend = backend
        self.target = target
        self.builder = DesiredStateBuilder(site: site, target: target, names: names, content: content)
        self.options = options
        self.progress = progress
    }

    var site: Site { builder.site }
    /// The tasks to reconcile: all, or those with a member (or name) in `options.services`.
    var selectedTasks: [SiteTask] {
        site.tasks.filter { task in
            guard let only = options.services else { return true }
            return only.contains(task.name) || task.memberNames.contains(where: only.contains)
        }
    }
    /// The compose services of `selectedTasks`.
    var selected: [Service] { selectedTasks.flatMap(\.members) }

    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var actions: [PlannedAction] = []
        func add(_ action: PlannedAction) { lock.withLock { actions.append(action) } }
        var all: [PlannedAction] { lock.withLock { actions } }
    }

    func record(_ recorder: Recorder, _ action: PlannedAction) {
        recorder.add(action)
        progress(.action(action, applied: options.apply && action.kind != .noChange))
    }

    package func run() async throws -> ServicesPlan {
        let recorder = Recorder()
        let only = options.services.map { _ in Set(selected.map(\.name)) }
        // 1. Values containers read at start, and the access points they mount.
        let values = try await reconcileStoredValues(try builder.storedValues(services: only), recorder)
        let accessPoints = try await reconcileAccessPoints(try builder.accessPoints(services: only), recorder)
        // 2. Permissions narrowed to those access points; images pinned to digests.
        try await reconcileRolePolicies(accessPoints, recorder)
        let images = try await resolveImages()
        // 3. Task definitions, then the services that run them.
        let resolved = DesiredStateBuilder.Resolved(
            accessPoints: accessPoints.ids.mapValues(StackString.literal), images: images.mapValues(StackString.literal),
            valueArns: values.secretArns.mapValues(StackString.literal), valueVersions: values.versions)
        let taskDefinitions = try await reconcileTaskDefinitions(resolved, pendingAccessPoints: accessPoints.pending, recorder)
        let changed = try await reconcileServices(taskDefinitions, recorder)
        if options.apply && options.waitForStability && !changed.isEmpty {
            try await waitUntilStable(changed)
        }
        try await reconcileScaling(recorder)
        if only == nil { try await removeDeletedServices(recorder) }
        try await removeReplacedAccessPoints(accessPoints.replaced, recorder)
        return ServicesPlan(actions: recorder.all)
    }
}
