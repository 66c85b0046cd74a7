import StackTemplates

/// Target tracking for one service's desired count. The API mode registers it from `spec()`;
/// the single template writes a scalable target and its policies.
package struct DesiredScaling: Sendable, Equatable {
    /// `service/<cluster>/<service>`: how Application Auto Scaling names an ECS service's count.
    package var resourceId: StackString
    package var min: Int
    package var max: Int
    package var policies: [ScalingSpec.Policy]

    package init(resourceId: StackString, min: Int, max: Int, policies: [ScalingSpec.Policy]) {
        self.resourceId = resourceId
        self.min = min
        self.max = max
        self.policies = policies
    }

    package func spec() throws -> ScalingSpec {
        ScalingSpec(resourceId: try resourceId.known("the scalable target"), min: min, max: max, policies: policies)
    }
}
