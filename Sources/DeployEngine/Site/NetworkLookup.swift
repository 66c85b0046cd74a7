import AWSRuntime
import AWSServices
import StackTemplates

/// For `x-aws-vpc`: the VPC's subnets, two in different availability zones, as the
/// infrastructure template's parameters.
struct NetworkLookup: Sendable {
    let client: AWSClient

    /// The subnet parameters of a site in an existing VPC (`x-aws-vpc`); none for a site whose
    /// stack makes its own network.
    func parameters(for input: InfraStackInput) async throws -> [String: String] {
        var parameters: [String: String] = [:]
        if let vpc = input.existingVPC { parameters = try await self.parameters(vpc: vpc) }
        if let balancer = input.existingLoadBalancer {
            parameters[InfraStack.loadBalancerSecurityGroupParameter] = try await securityGroup(ofLoadBalancer: balancer)
        }
        return parameters
    }

    /// One security group of the existing load balancer: traffic from it carries all of them,
    /// so the services allow that one.
    func securityGroup(ofLoadBalancer arn: String) async throws -> String {
        guard let balancer = try await ELBv2Client(client).describeLoadBalancer(arn: arn) else {
            throw DeployError(
                "the load balancer \(arn) named by x-aws-loadbalancer does not exist in this account and region",
                hint: "check the ARN, or remove x-aws-loadbalancer to let Berth create one")
        }
        guard let group = balancer.SecurityGroups?.sorted().first else {
            throw DeployError(
                "the load balancer \(arn) has no security group, so Berth cannot let only it reach the services",
                hint: "use a load balancer with a security group (a network load balancer gets one only when created), or remove x-aws-loadbalancer")
        }
        return group
    }

    func parameters(vpc: String) async throws -> [String: String] {
        let subnets = try await EC2Client(client).describeSubnets(filters: [.init(name: "vpc-id", values: [vpc])])
        var chosen: [String] = []
        var zones = Set<String>()
        for subnet in subnets.sorted(by: { $0.subnetId < $1.subnetId }) where zones.insert(subnet.availabilityZone ?? subnet.subnetId).inserted {
            chosen.append(subnet.subnetId)
            if chosen.count == 2 { break }
        }
        guard chosen.count == 2 else {
            throw DeployError(
                "the VPC \(vpc) named by x-aws-vpc has \(chosen.count) subnet(s) in distinct availability zones; Berth needs two",
                hint: "add a subnet in a second availability zone, or remove x-aws-vpc to let Berth create a network")
        }
        return ["VpcId": vpc, "Subnets": chosen.joined(separator: ",")]
    }
}
