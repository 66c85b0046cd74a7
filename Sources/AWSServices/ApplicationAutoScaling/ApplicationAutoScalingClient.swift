import AWSRuntime
import Foundation

/// Application Auto Scaling (awsJson1_1), for ECS services: the scalable target is a service's
/// desired count, `ResourceId` is `service/CLUSTER/SERVICE`.
package struct ApplicationAutoScalingClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "ApplicationAutoScaling", endpointPrefix: "application-autoscaling", serviceId: "Application Auto Scaling",
        protocol: .json(version: "1.1", targetPrefix: "AnyScaleFrontendService"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    package static let ecsNamespace = "ecs"
    package static let ecsDesiredCount = "ecs:service:DesiredCount"

    /// The `ResourceId` of an ECS service.
    package static func ecsServiceResourceId(cluster: String, service: String) -> String {
        "service/\(cluster)/\(service)"
    }

    /// Registers a target, or updates the capacity of one already registered.
    package func registerScalableTarget(
        resourceId: String, minCapacity: Int, maxCapacity: Int, scalableDimension: String = Self.ecsDesiredCount,
        serviceNamespace: String = Self.ecsNamespace, tags: [String: String]? = nil
    ) async throws {
        let _: EmptyOutput = try await client.json(
            Self.descriptor, operation: "RegisterScalableTarget",
            input: RegisterScalableTargetInput(
                ServiceNamespace: serviceNamespace, ResourceId: resourceId, ScalableDimension: scalableDimension, MinCapacity: minCapacity,
                MaxCapacity: maxCapacity, Tags: tags),
            idempotent: true)
    }

    package func describeScalableTargets(
        resourceIds: [String]? = nil, scalableDimension: String? = Self.ecsDesiredCount, serviceNamespace: String = Self.ecsNamespace
    ) -> Paginator<[ScalableTarget]> {
        Paginator { token in
            let page: DescribeScalableTargetsOutput = try await client.json(
                Self.descriptor, operation: "DescribeScalableTargets",
                input: DescribeScalableTargetsInput(
                    ServiceNamespace: serviceNamespace, ResourceIds: resourceIds, ScalableDimension: scalableDimension, NextToken: token),
                idempotent: true)
            return (page.ScalableTargets ?? [], page.NextToken)
        }
    }

    /// Removes a target and every scaling policy on it.
    package func deregisterScalableTarget(
        resourceId: String, scalableDimension: String = Self.ecsDesiredCount, serviceNamespace: String = Self.ecsNamespace
    ) async throws {
        let _: EmptyOutput = try await client.json(
            Self.descriptor, operation: "DeregisterScalableTarget",
            input: ScalableTargetKey(ServiceNamespace: serviceNamespace, ResourceId: resourceId, ScalableDimension: scalableDimension),
            idempotent: true)
    }

    /// Creates or replaces a target tracking policy and returns its ARN.
    @discardableResult
    package func putTargetTrackingPolicy(
        name: String, resourceId: String, configuration: TargetTrackingConfiguration, scalableDimension: String = Self.ecsDesiredCount,
        serviceNamespace: String = Self.ecsNamespace
    ) async throws -> String {
        let output: PutScalingPolicyOutput = try await client.json(
            Self.descriptor, operation: "PutScalingPolicy",
            input: PutScalingPolicyInput(
                PolicyName: name, ServiceNamespace: serviceNamespace, ResourceId: resourceId, ScalableDimension: scalableDimension,
                PolicyType: "TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration: configuration),
            idempotent: true)
        return output.PolicyARN
    }

    package func describeScalingPolicies(
        resourceId: String? = nil, policyNames: [String]? = nil, scalableDimension: String? = Self.ecsDesiredCount,
        serviceNamespace: String = Self.ecsNamespace
    ) -> Paginator<[ScalingPolicy]> {
        Paginator { token in
            let page: DescribeScalingPoliciesOutput = try await client.json(
                Self.descriptor, operation: "DescribeScalingPolicies",
                input: DescribeScalingPoliciesInput(
                    ServiceNamespace: serviceNamespace, ResourceId: resourceId, ScalableDimension: scalableDimension, PolicyNames: policyNames,
                    NextToken: token),
                idempotent: true)
            return (page.ScalingPolicies ?? [], page.NextToken)
        }
    }

    package func deleteScalingPolicy(
        name: String, resourceId: String, scalableDimension: String = Self.ecsDesiredCount, serviceNamespace: String = Self.ecsNamespace
    ) async throws {
        let _: EmptyOutput = try await client.json(
            Self.descriptor, operation: "DeleteScalingPolicy",
            input: DeleteScalingPolicyInput(
                PolicyName: name, ServiceNamespace: serviceNamespace, ResourceId: resourceId, ScalableDimension: scalableDimension),
            idempotent: true)
    }
}

extension AWSServiceError {
    /// Deregistering a target or deleting a policy that is not there.
    package var isObjectNotFound: Bool { code == "ObjectNotFoundException" }

    /// A scalable target that is not registered: AWS says `ObjectNotFoundException`; moto says
    /// `ValidationException` "No scalable target found for …", so both count.
    package var isScalableTargetNotFound: Bool {
        isObjectNotFound || (code == "ValidationException" && message.contains("No scalable target"))
    }
}
