import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

extension ServicesReconciler {
    /// One ECS service per task: creates missing ones and updates those whose definition, task
    /// definition or count differ, in waves by `depends_on` (`Site.taskWaves`): a service is
    /// created after the services it depends on exist, and after they are stable when it waits
    /// for them to be healthy. Returns the changed services not waited for yet.
    func reconcileServices(_ taskDefinitions: [String: String], _ recorder: Recorder) async throws -> [(name: String, taskDefinition: String)] {
        let observed = try await backend.services(cluster: target.cluster, names: selectedTasks.map(\.name))
        let waves = site.taskWaves(selectedTasks)
        var unwaited: [(name: String, taskDefinition: String)] = []
        for (index, wave) in waves.enumerated() {
            let changed = try await reconcileWave(wave, observed: observed, taskDefinitions, recorder)
            let awaited = Set(waves.dropFirst(index + 1).joined().flatMap { site.taskDependencies(of: $0).filter(\.value).keys })
            let stableFirst = changed.filter { awaited.contains($0.name) }
            if options.apply && options.waitForStability && !stableFirst.isEmpty {
                try await waitUntilStable(stableFirst)
            }
            unwaited += changed.filter { !awaited.contains($0.name) || !options.waitForStability }
        }
        return unwaited
    }

    func reconcileWave(
        _ wave: [SiteTask], observed: [ObservedService], _ taskDefinitions: [String: String], _ recorder: Recorder
    ) async throws -> [(name: String, taskDefinition: String)] {
        let results = try await wave.concurrentMap(limit: options.concurrency) { task -> (name: String, taskDefinition: String)? in
            let taskDefinition = taskDefinitions[task.name] ?? builder.family(task.name)
            var spec = try builder.serviceSpec(task, taskDefinition: taskDefinition)
            let size = task.fargateSize.map { "\($0)" } ?? "?"
            let current = observed.first { $0.name == task.name && $0.status != .inactive }
            guard let current else {
                if options.apply { try await backend.createService(spec) }
                record(recorder, PlannedAction(.create, .service, task.name, "\(task.replicas) × \(size)"))
                return (task.name, taskDefinition)
            }
            // The autoscaler owns the count once it exists: Berth sets it only on create.
            let autoscaled = task.members.contains { $0.aws.autoscaling != nil }
            if autoscaled { spec.desiredCount = nil }
            var reasons: [String] = []
            if current.taskDefinition != taskDefinition { reasons.append("new task definition \(Self.revision(taskDefinition))") }
            if current.hash != spec.hash { reasons.append("settings changed") }
            if !autoscaled && current.desiredCount != task.replicas { reasons.append("replicas \(current.desiredCount) → \(task.replicas)") }
            if current.status == .draining {
                throw DeployError("service \(task.name) is still being deleted", hint: "wait a minute and deploy again")
            }
            guard !reasons.isEmpty else {
                record(recorder, PlannedAction(.noChange, .service, task.name, "\(current.runningCount)/\(current.desiredCount) running"))
                return nil
            }
            if options.apply { try await backend.updateService(spec, forceNewDeployment: false, retag: current.hash != spec.hash) }
            if spec.deploymentConfiguration?.minimumHealthyPercent == 0, !task.singleWriterVolumes.isEmpty {
                reasons.append(
                    "the old task stops before the new one starts, as the only writer of \(task.singleWriterVolumes.joined(separator: ", ")): a short downtime"
                )
            }
            record(recorder, PlannedAction(.update, .service, task.name, reasons.joined(separator: ", ")))
            return (task.name, taskDefinition)
        }
        return results.compactMap { $0 }
    }

    /// Polls until each changed service's newest deployment has completed; a deployment the
    /// circuit breaker rolled back is a failure explained by its stopped tasks and their logs.
    func waitUntilStable(_ changed: [(name: String, taskDefinition: String)]) async throws {
        _ = try await changed.concurrentMap(limit: options.concurrency) { name, expected in
            var seenEvents = Set<String>()
            var first = true
            _ = try await options.waiter.wait(for: "service \(name) to become stable") { () -> Waiter.State<Bool> in
                guard let service = try await backend.services(cluster: target.cluster, names: [name]).first else {
                    return .failed(DeployError("service \(name) disappeared while Berth waited for it"))
                }
                for event in service.events.reversed() where !seenEvents.contains(event.id) {
                    seenEvents.insert(event.id)
                    if !first { progress(.serviceEvent(service: name, message: event.message)) }
                }
                first = false
                guard let primary = service.primary else { return .retry(nil) }
                progress(
                    .rollout(service: name, running: primary.runningCount, desired: primary.desiredCount, state: primary.rolloutState ?? .inProgress))
                // The circuit breaker marks the new deployment FAILED and rolls back: then the
                // primary deployment runs the previous revision again.
                if let failed = service.deployments.first(where: { $0.taskDefinition == expected && $0.rolloutState == .failed }) {
                    return .failed(try await rolloutFailure(service, failed))
                }
                if expected.hasPrefix("arn:"), primary.taskDefinition != expected {
                    var rolledBack = primary
                    rolledBack.rolloutStateReason =
                        service.events.first { $0.message.contains("rolling back") || $0.message.contains("failed") }?.message
                        ?? "the service went back to \(Self.revision(primary.taskDefinition))"
                    return .failed(try await rolloutFailure(service, rolledBack))
                }
                switch primary.rolloutState {
                case .failed:
                    return .failed(try await rolloutFailure(service, primary))
                case .completed where service.deployments.count == 1:
                    progress(.stable(service: name))
                    return .done(true)
                default:
                    return .retry("\(primary.runningCount)/\(primary.desiredCount) running")
                }
            }
        }
    }

    func rolloutFailure(_ service: ObservedService, _ deployment: ObservedService.Deployment) async throws -> DeployError {
        var lines = ["service \(service.name): the deployment failed and was rolled back (\(deployment.rolloutStateReason ?? "circuit breaker"))"]
        let stopped = try await backend.stoppedTasks(cluster: target.cluster, service: service.name)
        // Tasks the scheduler stopped on purpose (scaling, draining) explain nothing.
        let failed = stopped.filter { !($0.stoppedReason ?? "").hasPrefix("Scaling activity") }
        for task in (failed.isEmpty ? stopped : failed).prefix(3) {
            lines.append("  task \(task.id): \(task.stoppedReason ?? "stopped")")
            for container in task.containers {
                let exit = container.exitCode.map { "exit code \($0)" } ?? "no exit code"
                lines.append("    container \(container.name): \(exit)\(container.reason.map { " (\($0))" } ?? "")")
            }
        }
        // Each container logs under its compose service's prefix.
        for member in site.task(named: service.name)?.memberNames ?? [service.name] {
            let logs = try await backend.logTail(group: target.logGroup, streamPrefix: Names.logStreamNamePrefix(service: member), lines: 10)
            if !logs.isEmpty {
                lines.append("  last log lines of \(member):")
                lines += logs.map { "    " + $0 }
            }
        }
        return DeployError(lines.joined(separator: "\n"), hint: "fix the cause and run `berth deploy` again; the previous version keeps running")
    }

    func reconcileScaling(_ recorder: Recorder) async throws {
        for task in selectedTasks {
            guard let spec = try builder.scaling(task) else { continue }
            let current = try await backend.scaling(resourceId: spec.resourceId)
            let wanted = Dictionary(spec.policies.map { ($0.name, $0.target) }, uniquingKeysWith: { a, _ in a })
            if let current, current.min == spec.min, current.max == spec.max, current.policies == wanted {
                record(recorder, PlannedAction(.noChange, .scaling, task.name, "\(spec.min)–\(spec.max) tasks"))
                continue
            }
            if options.apply { try await backend.putScaling(spec) }
            record(recorder, PlannedAction(current == nil ? .create : .update, .scaling, task.name, "\(spec.min)–\(spec.max) tasks, target tracking"))
        }
    }

    /// ECS services of this site that are no longer a task of the compose file (a removed
    /// service, or one that moved into a group): scaled to zero, deleted, and their task
    /// definitions deregistered.
    func removeDeletedServices(_ recorder: Recorder) async throws {
        let existing = try await backend.siteServices(cluster: target.cluster, project: builder.names.project, environment: builder.names.environment)
        let wanted = Set(site.tasks.map(\.name))
        for name in existing.sorted() where !wanted.contains(name) {
            if options.apply {
                try await backend.scaleService(cluster: target.cluster, name: name, desiredCount: 0)
                try await backend.deleteService(cluster: target.cluster, name: name)
                for arn in try await backend.taskDefinitionArns(family: builder.family(name)) {
                    try await backend.deregisterTaskDefinition(arn: arn)
                }
            }
            record(
                recorder,
                PlannedAction(
                    .delete, .service, name,
                    options.apply ? "no longer in the compose file" : "no longer in the compose file: deploy stops and deletes it (asking first)"))
        }
    }
}
