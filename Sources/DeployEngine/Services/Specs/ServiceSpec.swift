import AWSServices
import StackTemplates

/// A Fargate service as the engine wants it: CreateService's input, in the ECS client's shapes.
package typealias ServiceSpec = ECSClient.CreateServiceRequest

extension ECSClient.CreateServiceRequest {
    /// What decides whether a service's settings need an update: everything but the desired
    /// count (which the autoscaler may own), the task definition (compared on its own, so that
    /// moving to a new revision changes no tag: `refresh` is one UpdateService), the tags and
    /// the client token.
    package var comparable: ECSClient.CreateServiceRequest {
        var copy = self
        copy.desiredCount = nil
        copy.taskDefinition = nil
        copy.tags = nil
        copy.clientToken = nil
        return copy
    }

    package var hash: String? { tags?.first { $0.key == BerthTag.hash }?.value }

    /// The same settings as UpdateService takes them (tags change through TagResource).
    package func update(forceNewDeployment: Bool) -> ECSClient.UpdateServiceRequest {
        ECSClient.UpdateServiceRequest(
            cluster: cluster, service: serviceName, taskDefinition: taskDefinition, desiredCount: desiredCount,
            networkConfiguration: networkConfiguration, loadBalancers: loadBalancers, deploymentConfiguration: deploymentConfiguration,
            healthCheckGracePeriodSeconds: healthCheckGracePeriodSeconds, serviceConnectConfiguration: serviceConnectConfiguration,
            enableExecuteCommand: enableExecuteCommand, propagateTags: propagateTags, forceNewDeployment: forceNewDeployment ? true : nil)
    }
}
