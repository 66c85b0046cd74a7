import AWSRuntime

/// Elastic Load Balancing v2 (awsQuery): only what Berth reads about an existing load balancer
/// (`x-aws-loadbalancer`); the load balancers Berth makes are the stack's.
package struct ELBv2Client: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "ELBv2", endpointPrefix: "elasticloadbalancing", serviceId: "Elastic Load Balancing v2", protocol: .query(version: "2015-12-01"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    package struct LoadBalancer: Decodable, Sendable, Equatable {
        package var LoadBalancerArn: String
        package var LoadBalancerName: String?
        package var VpcId: String?
        /// `application`, `network` or `gateway`.
        package var `Type`: String?
        /// None for a network load balancer created without security groups.
        package var SecurityGroups: [String]?
    }

    struct DescribeLoadBalancersOutput: Decodable {
        var LoadBalancers: [LoadBalancer]?
    }

    /// The load balancer with this ARN (or name), or `nil` when there is none (`LoadBalancerNotFound`).
    package func describeLoadBalancer(arn: String) async throws -> LoadBalancer? {
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
