import BerthJSON
import ComposeModel
import Foundation

extension DesiredStateBuilder {
    public static let accessPointPolicyName = "berth-access-points"

    /// The inline policy that lets a task's role mount its members' volumes, only through their
    /// own access points. `nil` when no member mounts a volume.
    ///
    /// A typed document, so the unified template takes it as it is instead of parsing text back.
    public func accessPointPolicyDocument(_ task: SiteTask, accessPointArns: [String]) -> JSONValue? {
        let fileSystems = task.members.flatMap(\.mounts).filter { $0.kind == .volume }.compactMap(\.source).uniqued().compactMap {
            target.fileSystems[$0]
        }
        guard !fileSystems.isEmpty, !accessPointArns.isEmpty else { return nil }
        let resources = fileSystems.map { "arn:aws:elasticfilesystem:\(target.region):\(target.accountId):file-system/\($0)" }
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        return .object([
            "Version": .string("2012-10-17"),
            "Statement": .array([
                .object([
                    "Sid": .string("MountOwnAccessPoints"), "Effect": .string("Allow"),
                    "Action": strings(["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]),
                    "Resource": strings(resources),
                    "Condition": .object(["StringEquals": .object(["elasticfilesystem:AccessPointArn": strings(accessPointArns.sorted())])]),
                ])
            ]),
        ])
    }

    /// The same policy as the JSON text PutRolePolicy takes: keys sorted and slashes bare, so it
    /// compares equal to what GetRolePolicy gives back, whitespace aside.
    public func accessPointPolicy(_ task: SiteTask, accessPointArns: [String]) throws -> String? {
        guard let document = accessPointPolicyDocument(task, accessPointArns: accessPointArns) else { return nil }
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
    public func scaling(_ task: SiteTask) -> ScalingSpec? {
        guard let autoscaling = task.members.lazy.compactMap(\.aws.autoscaling).first else { return nil }
        let resourceId = "service/\(target.cluster)/\(task.name)"
        var policies: [ScalingSpec.Policy] = []
        if let cpu = autoscaling.cpu { policies.append(.init(metric: "ECSServiceAverageCPUUtilization", target: Double(cpu))) }
        if let memory = autoscaling.memory { policies.append(.init(metric: "ECSServiceAverageMemoryUtilization", target: Double(memory))) }
        if policies.isEmpty { policies.append(.init(metric: "ECSServiceAverageCPUUtilization", target: 75)) }
        return ScalingSpec(resourceId: resourceId, min: autoscaling.min, max: autoscaling.max, policies: policies)
    }
}

/// Target tracking for one service's desired count.
public struct ScalingSpec: Sendable, Equatable {
    public var resourceId: String
    public var min: Int
    public var max: Int
    public var policies: [Policy]

    public struct Policy: Sendable, Equatable {
        public var metric: String
        public var target: Double
        public var name: String { "berth-\(metric)" }
    }
}
