import AWSRuntime
import Foundation

extension ApplicationAutoScalingClient {
    /// Predefined metrics for ECS services. `ALBRequestCountPerTarget` needs a `ResourceLabel`
    /// `app/LB-NAME/LB-ID/targetgroup/TG-NAME/TG-ID`.
    package enum PredefinedMetric {
        package static let ecsCPU = "ECSServiceAverageCPUUtilization"
        package static let ecsMemory = "ECSServiceAverageMemoryUtilization"
        package static let albRequestCountPerTarget = "ALBRequestCountPerTarget"
    }

    package struct PredefinedMetricSpecification: Codable, Sendable, Equatable {
        package var PredefinedMetricType: String
        package var ResourceLabel: String?
        package init(PredefinedMetricType: String, ResourceLabel: String? = nil) {
            self.PredefinedMetricType = PredefinedMetricType
            self.ResourceLabel = ResourceLabel
        }
    }

    /// Keeps the metric at `TargetValue` (a percentage for CPU/memory, requests per target for ALB). Cooldowns in seconds.
    package struct TargetTrackingConfiguration: Codable, Sendable, Equatable {
        package var TargetValue: Double
        package var PredefinedMetricSpecification: ApplicationAutoScalingClient.PredefinedMetricSpecification?
        package var ScaleInCooldown: Int?
        package var ScaleOutCooldown: Int?
        package var DisableScaleIn: Bool?
        package init(
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

    package struct ScalableTarget: Decodable, Sendable, Equatable {
        package var ServiceNamespace: String
        package var ResourceId: String
        package var ScalableDimension: String
        package var MinCapacity: Int
        package var MaxCapacity: Int
        package var RoleARN: String?
        package var CreationTime: Date?
    }

    package struct ScalingPolicy: Decodable, Sendable, Equatable {
        package var PolicyARN: String
        package var PolicyName: String
        package var ResourceId: String
        package var ScalableDimension: String?
        package var PolicyType: String
        package var TargetTrackingScalingPolicyConfiguration: TargetTrackingConfiguration?
        package var CreationTime: Date?
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
