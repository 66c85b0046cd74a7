import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

/// What `refresh` did (or, with `apply` off, would do) to one service.
package struct RefreshedService: Sendable, Equatable, Codable {
    package enum Outcome: String, Sendable, Codable {
        /// A new revision pinned to the images' new digests, and the service moved to it.
        case refreshed
        /// The same revision, started again (`--force`).
        case restarted
        case unchanged
        /// Its image moved, but its definition has other changes too: those are `deploy`'s.
        case held
    }

    package struct ImageChange: Sendable, Equatable, Codable {
        package var container: String
        package var old: String
        package var new: String

        package init(container: String, old: String, new: String) {
            self.container = container
            self.old = old
            self.new = new
        }
    }

    package var service: String
    package var outcome: Outcome
    package var images: [ImageChange]
    package var reason: String
}

extension ServicesReconciler {
    /// Moves each selected service whose image tag now names other bytes to a revision pinned to
    /// the new digest, and nothing else: stored values, access points, policies and service
    /// settings are only read, so a compose file edited since the last deploy is never half
    /// applied. A task whose definition differs in more than its images is held for `deploy`.
    /// `force` restarts the unchanged ones too (ECS force-new-deployment).
    package func refresh(force: Bool) async throws -> [RefreshedService] {
        var reader = self
        reader.options.apply = false
        reader.progress = { _ in }
        let only = options.services.map { _ in Set(selected.map(\.name)) }
        let values = try await reader.reconcileStoredValues(try builder.storedValues(services: only), Recorder())
        let accessPoints = try await reader.reconcileAccessPoints(try builder.accessPoints(services: only), Recorder())
        let images = try await resolveImages()
        let resolved = DesiredStateBuilder.Resolved(
            accessPoints: accessPoints.ids.mapValues(StackString.literal), images: images.mapValues(StackString.literal),
            valueArns: values.secretArns.mapValues(StackString.literal), valueVersions: values.versions)
        let tasks = selectedTasks
        let observed = try await backend.services(cluster: target.cluster, names: tasks.map(\.name))
        let decisions = try await tasks.concurrentMap(limit: options.concurrency) { task in
            try await decideRefresh(task, observed.first { $0.name == task.name && $0.status == .active }, resolved, force: force)
        }
        var changed: [(name: String, taskDefinition: String)] = []
        for decision in decisions {
            guard options.apply, decision.result.outcome == .refreshed || decision.result.outcome == .restarted else { continue }
            var service = decision.service
            if let taskDefinition = decision.register {
                service.taskDefinition = try await backend.registerTaskDefinition(taskDefinition)
                try await backend.updateService(service, forceNewDeployment: false, retag: false)
            } else {
                try await backend.restartService(cluster: target.cluster, name: service.serviceName)
            }
            changed.append((service.serviceName, service.taskDefinition ?? ""))
        }
        if options.waitForStability && !changed.isEmpty { try await waitUntilStable(changed) }
        return decisions.map(\.result)
    }

    struct RefreshDecision: Sendable {
        var result: RefreshedService
        /// The revision to register first, when the images moved.
        var register: TaskDefinitionSpec?
        /// The service as it is, on the revision to run.
        var service: ServiceSpec
    }

    func decideRefresh(_ task: SiteTask, _ current: ObservedService?, _ resolved: DesiredStateBuilder.Resolved, force: Bool) async throws
        -> RefreshDecision
    {
        let wanted = try builder.taskDefinition(task, resolved: resolved)
        var service = try builder.serviceSpec(task, taskDefinition: current?.taskDefinition ?? builder.family(task.name))
        func decision(_ outcome: RefreshedService.Outcome, _ reason: String, images: [RefreshedService.ImageChange] = []) -> RefreshDecision {
            RefreshDecision(result: RefreshedService(service: task.name, outcome: outcome, images: images, reason: reason), service: service)
        }
        guard let current else { return decision(.held, "not deployed: `berth deploy` creates it") }
        guard let deployed = try await backend.taskDefinition(arn: current.taskDefinition) else {
            return decision(.held, "its task definition \(Self.revision(current.taskDefinition)) is gone: `berth deploy` registers it again")
        }
        // An image whose tag could not be looked up now (a registry down) is not a move: refresh
        // never trades a pinned digest for a bare tag.
        let moved = wanted.containerDefinitions.compactMap { container -> RefreshedService.ImageChange? in
            guard let name = container.name, let new = container.image, let old = deployed.images[name], old != new,
                new.contains("@sha256:") || !old.contains("@sha256:")
            else { return nil }
            return RefreshedService.ImageChange(container: name, old: old, new: new)
        }
        // Only the images moved when the definition with the deployed images is the deployed one.
        let othersPending =
            try Self.hash(of: Self.replacingImages(in: wanted, with: deployed.images)) != deployed.hash || current.hash != service.hash
        guard !moved.isEmpty else {
            if force { return decision(.restarted, "new tasks of \(Self.revision(current.taskDefinition))") }
            return decision(.unchanged, othersPending ? "its images are current; other changes wait for `berth deploy`" : "its images are current")
        }
        guard !othersPending else {
            return decision(
                .held, "its definition has changes besides its image: `berth plan` shows them, `berth deploy` applies them", images: moved)
        }
        let autoscaled = task.members.contains { $0.aws.autoscaling != nil }
        service.desiredCount = autoscaled ? nil : current.desiredCount
        var result = decision(.refreshed, "new revision of \(builder.family(task.name))", images: moved)
        result.register = wanted
        return result
    }

    static func hash(of spec: TaskDefinitionSpec) -> String? {
        spec.tags?.first { $0.key == BerthTag.hash }?.value
    }

    /// `spec` as it would be with other images: each container named in `images` runs that one,
    /// and the `berth:hash` tag is computed again the way `DesiredStateBuilder.taskDefinition` does.
    static func replacingImages(in spec: TaskDefinitionSpec, with images: [String: String]) throws -> TaskDefinitionSpec {
        var copy = spec
        copy.tags?.removeAll { $0.key == BerthTag.hash }
        copy.containerDefinitions = copy.containerDefinitions.map { container in
            var container = container
            container.image = container.name.flatMap { images[$0] } ?? container.image
            return container
        }
        let hash = try DesiredStateBuilder.hash(copy)
        copy.tags?.append(ECSTag(BerthTag.hash, hash))
        return copy
    }
}
