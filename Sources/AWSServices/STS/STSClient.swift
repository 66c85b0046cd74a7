import AWSRuntime

/// AWS Security Token Service (awsQuery).
public struct STSClient: Sendable {
    public static let descriptor = ServiceDescriptor(name: "STS", endpointPrefix: "sts", serviceId: "STS", protocol: .query(version: "2011-06-15"))
    let client: AWSClient

    public init(_ client: AWSClient) { self.client = client }

    public struct CallerIdentity: Decodable, Sendable, Equatable {
        public var Account: String
        public var Arn: String
        public var UserId: String
    }

    public func getCallerIdentity() async throws -> CallerIdentity {
        try await client.query(Self.descriptor, operation: "GetCallerIdentity", parameters: [], idempotent: true)
    }

    /// The account id, which ARNs, the ECR registry host and the artifacts bucket name need.
    public func accountId() async throws -> String {
        try await getCallerIdentity().Account
    }
}
