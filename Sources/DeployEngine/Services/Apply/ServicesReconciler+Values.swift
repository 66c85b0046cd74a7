import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

extension ServicesReconciler {
    /// What the stored values are now: secrets' ARNs (AWS gives them a random suffix) and every
    /// value's version, `pending` for one a plan would write.
    struct StoredValueState: Sendable {
        var secretArns: [String: String] = [:]
        var versions: [String: String] = [:]
    }

    /// Writes secrets and file contents whose digest differs; an unchanged value is not rewritten.
    func reconcileStoredValues(_ specs: [StoredValueSpec], _ recorder: Recorder) async throws -> StoredValueState {
        let results = try await specs.concurrentMap(limit: options.concurrency) { spec -> (StoredValueSpec, ObservedValue?) in
            let resource: PlannedAction.Resource = spec.store == .secretsManager ? .secret : .parameter
            let observed = try await backend.storedValue(spec)
            guard observed?.digest != spec.digest else {
                record(recorder, PlannedAction(.noChange, resource, spec.name, "value unchanged"))
                return (spec, observed)
            }
            let action = PlannedAction(observed == nil ? .create : .update, resource, spec.name, observed == nil ? "new" : "value changed")
            var now = observed.map { ObservedValue(arn: $0.arn, digest: spec.digest, version: "pending") }
            if options.apply {
                now = try await backend.putStoredValue(spec, exists: observed != nil)
            }
            record(recorder, action)
            return (spec, now ?? ObservedValue(arn: "", digest: spec.digest, version: "pending"))
        }
        var state = StoredValueState()
        for (spec, value) in results {
            // Parameters are referred to by the ARN built from their name, the same on every run.
            if spec.store == .secretsManager, let arn = value?.arn, !arn.isEmpty { state.secretArns[spec.name] = arn }
            if let version = value?.version { state.versions[spec.name] = version }
        }
        return state
    }
}

extension ServicesReconciler {
    struct AccessPointState {
        /// Mount key → id.
        var ids: [String: String] = [:]
        /// Mount key → ARN.
        var arns: [String: String] = [:]
        /// Mount keys whose access point does not exist yet (plan mode).
        var pending: Set<String> = []
        /// Old access points of a mount whose settings changed: removed once services moved off.
        var replaced: [ObservedAccessPoint] = []
    }

    /// Finds each mount's access point by its client token; creates the missing ones. A token
    /// already used answers with the existing access point, so a retried create never doubles.
    func reconcileAccessPoints(_ specs: [AccessPointSpec], _ recorder: Recorder) async throws -> AccessPointState {
        var state = AccessPointState()
        guard !specs.isEmpty else { return state }
        let observed = try await backend.accessPoints(fileSystemIds: Array(Set(specs.map(\.fileSystemId))).sorted())
        let mine = observed.filter { $0.project == builder.names.project && $0.environment == builder.names.environment }
        let results = try await specs.concurrentMap(limit: options.concurrency) {
            spec -> (AccessPointSpec, ObservedAccessPoint?, [ObservedAccessPoint]) in
            let stale = mine.filter { $0.mount == spec.key && $0.clientToken != spec.clientToken }
            if let existing = mine.first(where: { $0.clientToken == spec.clientToken }) {
                record(recorder, PlannedAction(.noChange, .accessPoint, spec.key, "exists (\(existing.id))"))
                return (spec, existing, [])
            }
            let kind: PlannedAction.Kind = stale.isEmpty ? .create : .replace
            let reason = stale.isEmpty ? "new mount of \(spec.volume)" : "owner, permissions or root directory changed"
            var created: ObservedAccessPoint?
            if options.apply {
                created = try await backend.createAccessPoint(spec, tags: builder.accessPointTags(spec))
            }
            record(recorder, PlannedAction(kind, .accessPoint, spec.key, reason))
            return (spec, created, stale)
        }
        for (spec, point, stale) in results {
            if let point {
                state.ids[spec.key] = point.id
                state.arns[spec.key] = point.arn
            } else {
                state.pending.insert(spec.key)
            }
            state.replaced += stale
        }
        return state
    }

    func removeReplacedAccessPoints(_ replaced: [ObservedAccessPoint], _ recorder: Recorder) async throws {
        for point in replaced {
            if options.apply { try await backend.deleteAccessPoint(id: point.id) }
            record(
                recorder,
                PlannedAction(
                    .delete, .accessPoint, point.mount ?? point.id, "replaced by a new access point (\(point.id)); the data stays on the file system")
            )
        }
    }

    /// Each task role may mount its volumes only through its own access points.
    func reconcileRolePolicies(_ accessPoints: AccessPointState, _ recorder: Recorder) async throws {
        for task in selectedTasks {
            guard let role = target.taskRoles[task.name], let document = try builder.accessPointPolicy(task, accessPointArns: accessPoints.arns)
            else { continue }
            let current = try await backend.rolePolicy(roleArn: role, name: DesiredStateBuilder.accessPointPolicyName)
            guard current.map(Self.normalizedJSON) != Self.normalizedJSON(document) else {
                record(recorder, PlannedAction(.noChange, .rolePolicy, task.name, "already allows its access points"))
                continue
            }
            if options.apply {
                try await backend.putRolePolicy(roleArn: role, name: DesiredStateBuilder.accessPointPolicyName, document: document)
            }
            record(
                recorder, PlannedAction(current == nil ? .create : .update, .rolePolicy, task.name, "allow mounting through its access points only"))
        }
    }

    static func normalizedJSON(_ text: String) -> String {
        text.filter { !$0.isWhitespace }
    }
}
