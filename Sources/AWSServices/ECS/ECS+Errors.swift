import AWSRuntime

extension AWSServiceError {
    public var isClusterNotFound: Bool { code == "ClusterNotFoundException" }

    public var isServiceNotFound: Bool { code == "ServiceNotFoundException" }

    /// UpdateService on a service that was deleted (`INACTIVE`): create it again instead.
    public var isServiceNotActive: Bool { code == "ServiceNotActiveException" }

    /// ECS says a task definition (family or revision) is unknown with a generic `ClientException`
    /// ("Unable to describe task definition." / "Revision is missing.").
    public var isTaskDefinitionNotFound: Bool {
        code == "ClientException" && (message.contains("Unable to describe task definition") || message.contains("Revision is missing"))
    }

    /// The generic "not found" of ECS tagging, Secrets Manager and CloudWatch Logs.
    public var isResourceNotFound: Bool { code == "ResourceNotFoundException" }
}
