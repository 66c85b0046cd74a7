import StackTemplates

/// Target tracking for one service's desired count. The API mode registers it from `spec()`;
/// the single template writes a scalable target and its policies.
public struct DesiredScaling: Sendable, Equatable {
    /// `service/<cluster>/<service>`: how Application Auto Scaling names an ECS service's count.
    public var resourceId: StackString
    public var min: Int
    public var max: Int
    public var policies: [ScalingSpec.Policy]

    public init(resourceId: StackString, min: Int, max: Int, policies: [ScalingSpec.Policy]) {
        self.resourceId = resourceId
        self.min = min
        self.max = max
        self.policies = policies
    }

    public func spec() throws -> ScalingSpec {
        ScalingSpec(resourceId: try resourceId.known("the scalable target"), min: min, max: max, policies: policies)
    }
}
