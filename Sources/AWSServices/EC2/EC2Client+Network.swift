import AWSRuntime

extension EC2Client {
    public struct Subnet: Decodable, Sendable, Equatable {
        public var subnetId: String
        public var vpcId: String?
        public var availabilityZone: String?
        public var cidrBlock: String?
        public var defaultForAz: Bool?
    }

    public struct SecurityGroup: Decodable, Sendable, Equatable {
        public var groupId: String
        public var groupName: String?
        public var vpcId: String?
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
    public func describeSubnets(ids: [String]? = nil, filters: [Filter]? = nil) async throws -> [Subnet] {
        let output: DescribeSubnetsOutput = try await client.query(
            Self.descriptor, operation: "DescribeSubnets", input: DescribeSubnetsInput(SubnetId: ids, Filter: filters), idempotent: true)
        return output.subnetSet ?? []
    }

    /// Security groups by id or filter (e.g. `vpc-id`, `group-name`).
    public func describeSecurityGroups(ids: [String]? = nil, filters: [Filter]? = nil) async throws -> [SecurityGroup] {
        let output: DescribeSecurityGroupsOutput = try await client.query(
            Self.descriptor, operation: "DescribeSecurityGroups", input: DescribeSecurityGroupsInput(GroupId: ids, Filter: filters),
            idempotent: true)
        return output.securityGroupInfo ?? []
    }
}
