import AWSRuntime

extension ECSClient {
    /// Retried after a dropped connection only when the request carries a `clientToken`.
    package func createService(_ request: CreateServiceRequest) async throws -> Service {
        let output: ServiceOutput = try await client.json(
            Self.descriptor, operation: "CreateService", input: request, idempotent: request.clientToken != nil)
        return output.service
    }

    /// Retried like a read unless it forces a deployment: ECS starts a deployment for a change of
    /// the service's settings, so the same settings sent again start none.
    package func updateService(_ request: UpdateServiceRequest) async throws -> Service {
        let output: ServiceOutput = try await client.json(
            Self.descriptor, operation: "UpdateService", input: request, idempotent: request.forceNewDeployment != true)
        return output.service
    }

    /// Up to 10 services by name or ARN, with their deployments, events and (by default) tags.
    package func describeServices(cluster: String?, services: [String], includeTags: Bool = true) async throws -> DescribeServicesOutput {
        try await client.json(
            Self.descriptor, operation: "DescribeServices",
            input: DescribeServicesInput(cluster: cluster, services: services, include: includeTags ? ["TAGS"] : nil), idempotent: true)
    }

    /// Any number of services by name, 10 to a DescribeServices call (its limit); without tags.
    package func describeServices(cluster: String?, named names: [String]) async throws -> [Service] {
        var found: [Service] = []
        for start in stride(from: 0, to: names.count, by: 10) {
            found +=
                try await describeServices(cluster: cluster, services: Array(names[start..<min(start + 10, names.count)]), includeTags: false)
                .services ?? []
        }
        return found
    }

    /// Deletes a service; without `force` it must be scaled to zero first. It stays `DRAINING`, then `INACTIVE`.
    package func deleteService(cluster: String?, service: String, force: Bool? = nil) async throws -> Service {
        let output: ServiceOutput = try await client.json(
            Self.descriptor, operation: "DeleteService", input: DeleteServiceInput(cluster: cluster, service: service, force: force),
            idempotent: true)
        return output.service
    }

    package func listServices(cluster: String?) -> Paginator<[String]> {
        Paginator { token in
            let page: ListServicesOutput = try await client.json(
                Self.descriptor, operation: "ListServices", input: ListServicesInput(cluster: cluster, nextToken: token), idempotent: true)
            return (page.serviceArns ?? [], page.nextToken)
        }
    }
}
