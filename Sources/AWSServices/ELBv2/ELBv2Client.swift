import AWSRuntime

/// Elastic Load Balancing v2 (awsQuery): only what Berth reads about an existing load balancer
/// (`x-aws-loadbalancer`); the load balancers Berth makes are the stack's.
public struct ELBv2Client: Sendable {
    public static let descriptor = ServiceDescriptor(
        name: "ELBv2", endpointPrefix: "elasticloadbalancing", serviceId: "Elastic Load Balancing v2", protocol: .query(version: "2015-12-01"))
    let client: AWSClient

    public init(_ client: AWSClient) { self.client = client }

    public struct LoadBalancer: Decodable, Sendable, Equatable {
        public var LoadBalancerArn: String
        public var LoadBalancerName: String?
        public var VpcId: String?
        /// `application`, `network` or `gateway`.
        public var `Type`: String?
        /// None for a network load balancer created without security groups.
        public var SecurityGroups: [String]?
    }

    struct DescribeLoadBalancersOutput: Decodable {
        var LoadBalancers: [LoadBalancer]?
    }

    /// The load balancer with this ARN (or name), or `nil` when there is none (`LoadBalancerNotFound`).
    public func describeLoadBalancer(arn: String) async throws -> LoadBalancer? {
        do {
            let parameter = arn.hasPrefix("arn:") ? "LoadBalancerArns.member.1" : "Names.member.1"
            let output: DescribeLoadBalancersOutput = try await client.query(
                Self.descriptor, operation: "DescribeLoadBalancers", parameters: [(parameter, arn)], idempotent: true)
            return output.LoadBalancers?.first
        } catch let error as AWSServiceError where error.code == "LoadBalancerNotFound" {
            return nil
        }
    }
}
