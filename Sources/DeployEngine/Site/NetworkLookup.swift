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
        guard let vpc = input.existingVPC else { return [:] }
        return try await parameters(vpc: vpc)
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
