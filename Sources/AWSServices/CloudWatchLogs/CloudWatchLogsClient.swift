import AWSRuntime

/// Amazon CloudWatch Logs (awsJson1_1).
package struct CloudWatchLogsClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "CloudWatchLogs", endpointPrefix: "logs", serviceId: "CloudWatch Logs", protocol: .json(version: "1.1", targetPrefix: "Logs_20140328"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    package struct LogGroup: Decodable, Sendable, Equatable {
        package var logGroupName: String
        package var arn: String?
        package var retentionInDays: Int?
    }

    struct DescribeLogGroupsInput: Encodable {
        var logGroupNamePrefix: String?
        var nextToken: String?
    }

    struct DescribeLogGroupsOutput: Decodable {
        var logGroups: [LogGroup]?
        var nextToken: String?
    }

    package func describeLogGroups(prefix: String? = nil) -> Paginator<[LogGroup]> {
        Paginator { token in
            let page: DescribeLogGroupsOutput = try await client.json(
                Self.descriptor, operation: "DescribeLogGroups", input: DescribeLogGroupsInput(logGroupNamePrefix: prefix, nextToken: token),
                idempotent: true)
            return (page.logGroups ?? [], page.nextToken)
        }
    }
}
