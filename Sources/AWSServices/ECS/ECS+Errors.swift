import AWSRuntime

extension AWSServiceError {
    package var isClusterNotFound: Bool { code == "ClusterNotFoundException" }

    package var isServiceNotFound: Bool { code == "ServiceNotFoundException" }

    /// UpdateService on a service that was deleted (`INACTIVE`): create it again instead.
    package var isServiceNotActive: Bool { code == "ServiceNotActiveException" }

    /// ECS says a task definition (family or revision) is unknown with a generic `ClientException`
    /// ("Unable to describe task definition." / "Revision is missing.").
    package var isTaskDefinitionNotFound: Bool {
        code == "ClientException" && (message.contains("Unable to describe task definition") || message.contains("Revision is missing"))
    }

    /// CreateService for a name an ACTIVE service of the cluster already has, without repeating
    /// the `clientToken` that service was created with. ECS has no code of its own for this: it
    /// answers `InvalidParameterException` "Creation of service was not idempotent." (sometimes
    /// followed by the service name), so the wording tells it apart from the other invalid
    /// parameters, here and nowhere else.
    package var isServiceCreationNotIdempotent: Bool {
        code == "InvalidParameterException" && message.contains("not idempotent")
    }

    /// The generic "not found" of ECS tagging, Secrets Manager and CloudWatch Logs.
    package var isResourceNotFound: Bool { code == "ResourceNotFoundException" }
}
