import AWSRuntime

/// Amazon EC2 (ec2Query): only the network lookups Berth needs.
public struct EC2Client: Sendable {
    public static let descriptor = ServiceDescriptor(name: "EC2", endpointPrefix: "ec2", serviceId: "EC2", protocol: .ec2(version: "2016-11-15"))
    let client: AWSClient

    public init(_ client: AWSClient) { self.client = client }

    public struct Filter: Encodable, Sendable {
        public var Name: String
        public var Value: [String]
        public init(name: String, values: [String]) {
            Name = name
            Value = values
        }
    }

    public struct Vpc: Decodable, Sendable, Equatable {
        public var vpcId: String
        public var cidrBlock: String?
        public var isDefault: Bool?
        public var state: String?
    }

    struct DescribeVpcsInput: Encodable {
        var VpcId: [String]?
        var Filter: [Filter]?
        var NextToken: String?
    }

    struct DescribeVpcsOutput: Decodable {
        var vpcSet: [Vpc]?
        var nextToken: String?
    }

    public func describeVpcs(ids: [String]? = nil, filters: [Filter]? = nil) -> Paginator<[Vpc]> {
        Paginator { token in
            let page: DescribeVpcsOutput = try await client.query(
                Self.descriptor, operation: "DescribeVpcs", input: DescribeVpcsInput(VpcId: ids, Filter: filters, NextToken: token),
                idempotent: true)
            return (page.vpcSet ?? [], page.nextToken)
        }
    }
}
