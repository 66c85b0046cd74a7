import AWSRuntime

/// AWS Security Token Service (awsQuery).
package struct STSClient: Sendable {
    package static let descriptor = ServiceDescriptor(name: "STS", endpointPrefix: "sts", serviceId: "STS", protocol: .query(version: "2011-06-15"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    package struct CallerIdentity: Decodable, Sendable, Equatable {
        package var Account: String
        package var Arn: String
        package var UserId: String
    }

    package func getCallerIdentity() async throws -> CallerIdentity {
        try await client.query(Self.descriptor, operation: "GetCallerIdentity", parameters: [], idempotent: true)
    }

    /// The account id, which ARNs, the ECR registry host and the artifacts bucket name need.
    package func accountId() async throws -> String {
        try await getCallerIdentity().Account
    }
}
