import AWSRuntime

/// Amazon EC2 (ec2Query): only the network lookups Berth needs.
package struct EC2Client: Sendable {
    package static let descriptor = ServiceDescriptor(name: "EC2", endpointPrefix: "ec2", serviceId: "EC2", protocol: .ec2(version: "2016-11-15"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    package struct Filter: Encodable, Sendable {
        package var Name: String
        package var Value: [String]
        package init(name: String, values: [String]) {
            Name = name
            Value = values
        }
    }

    package struct Vpc: Decodable, Sendable, Equatable {
        package var vpcId: String
        package var cidrBlock: String?
        package var isDefault: Bool?
        package var state: String?
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

    package func describeVpcs(ids: [String]? = nil, filters: [Filter]? = nil) -> Paginator<[Vpc]> {
        Paginator { token in
            let page: DescribeVpcsOutput = try await client.query(
                Self.descriptor, operation: "DescribeVpcs", input: DescribeVpcsInput(VpcId: ids, Filter: filters, NextToken: token),
                idempotent: true)
            return (page.vpcSet ?? [], page.nextToken)
        }
    }
}
