import AWSRuntime
import AWSServices

extension StackDeployer {
    /// Reads the stack's Outputs, then its resources, following nested stacks (a site over
    /// CloudFormation's limits keeps its per-service resources in them).
    package func observe(stackName: String) async throws -> ObservedStack? {
        guard let described = try await cfn.describeStack(stackName), !described.StackStatus.isDeleted,
            described.StackStatus.rawValue != "REVIEW_IN_PROGRESS"
        else { return nil }
        var physical: [String: String] = [:]
        var pending = [described.StackId ?? stackName]
        while let next = pending.popLast() {
            for resource in try await cfn.listStackResources(stackName: next).collect({ $0 }) {
                guard let id = resource.PhysicalResourceId else { continue }
                if resource.ResourceType == "AWS::CloudFormation::Stack" {
                    pending.append(id)
                } else {
                    physical[resource.LogicalResourceId] = id
                }
            }
        }
        return ObservedStack(
            outputs: described.outputValues, physicalIds: physical,
            provisioned: !described.StackStatus.requiresRecreate && described.StackStatus != .deleteFailed, tags: described.tagValues,
            parameters: described.parameterValues)
    }
}
