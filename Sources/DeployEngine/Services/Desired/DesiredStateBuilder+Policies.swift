import BerthJSON
import ComposeModel
import Foundation
import StackTemplates

extension DesiredStateBuilder {
    package static let accessPointPolicyName = "berth-access-points"

    /// The inline policy that lets a task's role mount its members' volumes, only through their
    /// own access points (ARNs by mount key). `nil` when no member mounts a volume.
    package func mountPolicy(_ task: SiteTask, accessPoints: [String: StackString]) -> MountPolicy? {
        let fileSystems = task.members.flatMap(\.mounts).filter { $0.kind == .volume }.compactMap(\.source).uniqued().compactMap {
            target.fileSystems[$0]
        }
        let mine = accessPoints.filter { key, _ in task.memberNames.contains { AccessPointSpec.key(key, isOf: $0) } }
        guard !fileSystems.isEmpty, !mine.isEmpty else { return nil }
        // The same rule as `desiredAccessPoints`: no driver_opts uid, no forced user.
        let open = mine.filter { key, _ in site.volume(named: AccessPointSpec.volume(ofKey: key)).map { $0.accessPoint.uid == nil } ?? false }
        let sorted = { (arns: [StackString]) in arns.sorted { $0.sortKey < $1.sortKey } }
        return MountPolicy(
            fileSystemArns: fileSystems.map { target.arn("elasticfilesystem", .joined(["file-system/", $0])) },
            accessPointArns: sorted(Array(mine.values)), rootAccessPointArns: sorted(Array(open.values)))
    }

    /// The mount policy of the API mode, whose ARNs are all known, as JSON.
    package func accessPointPolicyDocument(_ task: SiteTask, accessPointArns: [String: String]) throws -> JSONValue? {
        try mountPolicy(task, accessPoints: accessPointArns.mapValues(StackString.literal))?.document()
    }

    /// The same policy as the JSON text PutRolePolicy takes: keys sorted and slashes bare, so it
    /// compares equal to what GetRolePolicy gives back, whitespace aside.
    package func accessPointPolicy(_ task: SiteTask, accessPointArns: [String: String]) throws -> String? {
        guard let document = try accessPointPolicyDocument(task, accessPointArns: accessPointArns) else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(document), as: UTF8.self)
        } catch {
            throw DeployError.bug("cannot encode the access point policy of \(task.name): \(error)")
        }
    }

    /// Application Auto Scaling for a task with a member with `deploy.x-aws-autoscaling` (the
    /// first such member's).
    package func desiredScaling(_ task: SiteTask) -> DesiredScaling? {
        guard let autoscaling = task.members.lazy.compactMap(\.aws.autoscaling).first else { return nil }
        var policies: [ScalingSpec.Policy] = []
        if let cpu = autoscaling.cpu { policies.append(.init(metric: "ECSServiceAverageCPUUtilization", target: Double(cpu))) }
        if let memory = autoscaling.memory { policies.append(.init(metric: "ECSServiceAverageMemoryUtilization", target: Double(memory))) }
        if policies.isEmpty { policies.append(.init(metric: "ECSServiceAverageCPUUtilization", target: 75)) }
        return DesiredScaling(
            resourceId: .joined(["service/", target.cluster, .literal("/\(task.name)")]), min: autoscaling.min, max: autoscaling.max,
            policies: policies)
    }

    /// The scaling the API mode registers.
    package func scaling(_ task: SiteTask) throws -> ScalingSpec? {
        try desiredScaling(task)?.spec()
    }
}

/// Target tracking for one service's desired count, as the API mode registers it.
package struct ScalingSpec: Sendable, Equatable {
    package var resourceId: String
    package var min: Int
    package var max: Int
    package var policies: [Policy]

    package struct Policy: Sendable, Equatable {
        package var metric: String
        package var target: Double
        package var name: String { "berth-\(metric)" }
    }
}
