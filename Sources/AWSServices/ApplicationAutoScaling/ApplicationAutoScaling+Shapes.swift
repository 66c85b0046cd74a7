import AWSRuntime
import Foundation

extension ApplicationAutoScalingClient {
    /// Predefined metrics for ECS services. `ALBRequestCountPerTarget` needs a `ResourceLabel`
    /// `app/LB-NAME/LB-ID/targetgroup/TG-NAME/TG-ID`.
    public enum PredefinedMetric {
        public static let ecsCPU = "ECSServiceAverageCPUUtilization"
        public static let ecsMemory = "ECSServiceAverageMemoryUtilization"
        public static let albRequestCountPerTarget = "ALBRequestCountPerTarget"
    }

    public struct PredefinedMetricSpecification: Codable, Sendable, Equatable {
        public var PredefinedMetricType: String
        public var ResourceLabel: String?
        public init(PredefinedMetricType: String, ResourceLabel: String? = nil) {
            self.PredefinedMetricType = PredefinedMetricType
            self.ResourceLabel = ResourceLabel
        }
    }

    /// Keeps the metric at `TargetValue` (a percentage for CPU/memory, requests per target for ALB). Cooldowns in seconds.
    public struct TargetTrackingConfiguration: Codable, Sendable, Equatable {
        public var TargetValue: Double
        public var PredefinedMetricSpecification: ApplicationAutoScalingClient.PredefinedMetricSpecification?
        public var ScaleInCooldown: Int?
        public var ScaleOutCooldown: Int?
        public var DisableScaleIn: Bool?
        public init(
            TargetValue: Double, PredefinedMetricSpecification: ApplicationAutoScalingClient.PredefinedMetricSpecification,
            ScaleInCooldown: Int? = nil, ScaleOutCooldown: Int? = nil, DisableScaleIn: Bool? = nil
        ) {
            self.TargetValue = TargetValue
            self.PredefinedMetricSpecification = PredefinedMetricSpecification
            self.ScaleInCooldown = ScaleInCooldown
            self.ScaleOutCooldown = ScaleOutCooldown
            self.DisableScaleIn = DisableScaleIn
        }
    }

    public struct ScalableTarget: Decodable, Sendable, Equatable {
        public var ServiceNamespace: String
        public var ResourceId: String
        public var ScalableDimension: String
        public var MinCapacity: Int
        public var MaxCapacity: Int
        public var RoleARN: String?
        public var CreationTime: Date?
    }

    public struct ScalingPolicy: Decodable, Sendable, Equatable {
        public var PolicyARN: String
        public var PolicyName: String
        public var ResourceId: String
        public var ScalableDimension: String?
        public var PolicyType: String
        public var TargetTrackingScalingPolicyConfiguration: TargetTrackingConfiguration?
        public var CreationTime: Date?
    }

    struct RegisterScalableTargetInput: Encodable {
        var ServiceNamespace: String
        var ResourceId: String
        var ScalableDimension: String
        var MinCapacity: Int
        var MaxCapacity: Int
        var Tags: [String: String]?
    }

    struct ScalableTargetKey: Encodable {
        var ServiceNamespace: String
        var ResourceId: String
        var ScalableDimension: String
    }

    struct DescribeScalableTargetsInput: Encodable {
        var ServiceNamespace: String
        var ResourceIds: [String]?
        var ScalableDimension: String?
        var NextToken: String?
    }

    struct DescribeScalableTargetsOutput: Decodable {
        var ScalableTargets: [ScalableTarget]?
        var NextToken: String?
    }

    struct PutScalingPolicyInput: Encodable {
        var PolicyName: String
        var ServiceNamespace: String
        var ResourceId: String
        var ScalableDimension: String
        var PolicyType: String
        var TargetTrackingScalingPolicyConfiguration: TargetTrackingConfiguration
    }

    struct PutScalingPolicyOutput: Decodable {
        var PolicyARN: String
    }

    struct DescribeScalingPoliciesInput: Encodable {
        var ServiceNamespace: String
        var ResourceId: String?
        var ScalableDimension: String?
        var PolicyNames: [String]?
        var NextToken: String?
    }

    struct DescribeScalingPoliciesOutput: Decodable {
        var ScalingPolicies: [ScalingPolicy]?
        var NextToken: String?
    }

    struct DeleteScalingPolicyInput: Encodable {
        var PolicyName: String
        var ServiceNamespace: String
        var ResourceId: String
        var ScalableDimension: String
    }
}
