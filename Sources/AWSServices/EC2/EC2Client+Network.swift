import AWSRuntime

extension EC2Client {
    package struct Subnet: Decodable, Sendable, Equatable {
        package var subnetId: String
        package var vpcId: String?
        package var availabilityZone: String?
        package var cidrBlock: String?
        package var defaultForAz: Bool?
    }

    package struct SecurityGroup: Decodable, Sendable, Equatable {
        package var groupId: String
        package var groupName: String?
        package var vpcId: String?
        /// Its inbound rules.
        package var ipPermissions: [IpPermission]?
    }

    /// One inbound rule: a protocol (`tcp`, `udp`, `-1` for all) and port range, from security
    /// groups or address ranges.
    package struct IpPermission: Decodable, Sendable, Equatable {
        package var ipProtocol: String?
        package var fromPort: Int?
        package var toPort: Int?
        package var groups: [GroupPair]?

        package struct GroupPair: Decodable, Sendable, Equatable {
            package var groupId: String?
        }

        /// Whether the rule lets `group` in on TCP `port`.
        package func allows(tcp port: Int, from group: String) -> Bool {
            guard ipProtocol == "-1" || ipProtocol == "tcp" || ipProtocol == "6" else { return false }
            if ipProtocol != "-1", let fromPort, let toPort, !(fromPort...toPort).contains(port) { return false }
            return groups?.contains { $0.groupId == group } == true
        }
    }

    struct DescribeSubnetsInput: Encodable {
        var SubnetId: [String]?
        var Filter: [Filter]?
    }

    struct DescribeSubnetsOutput: Decodable {
        var subnetSet: [Subnet]?
    }

    struct DescribeSecurityGroupsInput: Encodable {
        var GroupId: [String]?
        var Filter: [Filter]?
    }

    struct DescribeSecurityGroupsOutput: Decodable {
        var securityGroupInfo: [SecurityGroup]?
    }

    /// Subnets by id or filter (e.g. `vpc-id`, `default-for-az`). One page: the model Berth
    /// validates against has no paging members here.
    package func describeSubnets(ids: [String]? = nil, filters: [Filter]? = nil) async throws -> [Subnet] {
        let output: DescribeSubnetsOutput = try await client.query(
            Self.descriptor, operation: "DescribeSubnets", input: DescribeSubnetsInput(SubnetId: ids, Filter: filters), idempotent: true)
        return output.subnetSet ?? []
    }

    /// Security groups by id or filter (e.g. `vpc-id`, `group-name`).
    package func describeSecurityGroups(ids: [String]? = nil, filters: [Filter]? = nil) async throws -> [SecurityGroup] {
        let output: DescribeSecurityGroupsOutput = try await client.query(
            Self.descriptor, operation: "DescribeSecurityGroups", input: DescribeSecurityGroupsInput(GroupId: ids, Filter: filters),
            idempotent: true)
        return output.securityGroupInfo ?? []
    }
}
