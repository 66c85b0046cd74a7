import AWSRuntime
import Foundation

/// AWS CloudFormation (awsQuery).
public struct CloudFormationClient: Sendable {
    public static let descriptor = ServiceDescriptor(
        name: "CloudFormation", endpointPrefix: "cloudformation", serviceId: "CloudFormation", protocol: .query(version: "2010-05-15"))
    let client: AWSClient

    public init(_ client: AWSClient) { self.client = client }

    public struct Stack: Decodable, Sendable, Equatable {
        public var StackName: String
        public var StackId: String?
        public var StackStatus: String
        public var StackStatusReason: String?
        public var CreationTime: Date?
        public var LastUpdatedTime: Date?
        public var Outputs: [Output]?
        public var Tags: [Tag]?

        public struct Output: Decodable, Sendable, Equatable {
            public var OutputKey: String
            public var OutputValue: String?
            public var ExportName: String?
        }
    }

    public struct Tag: Codable, Sendable, Equatable {
        public var Key: String
        public var Value: String
        public init(Key: String, Value: String) {
            self.Key = Key
            self.Value = Value
        }
    }

    struct DescribeStacksOutput: Decodable {
        var Stacks: [Stack]?
        var NextToken: String?
    }

    /// All stacks, or the one named; a stack that does not exist is `nil`, not an error.
    public func describeStacks(name: String? = nil) async throws -> [Stack] {
        do {
            return try await Paginator<DescribeStacksOutput> { token in
                var parameters: [(String, String)] = []
                if let name { parameters.append(("StackName", name)) }
                if let token { parameters.append(("NextToken", token)) }
                let page: DescribeStacksOutput = try await client.query(
                    Self.descriptor, operation: "DescribeStacks", parameters: parameters, idempotent: true)
                return (page, page.NextToken)
            }.collect { $0.Stacks ?? [] }
        } catch let error as AWSServiceError where error.isStackNotFound {
            return []
        }
    }
}

extension AWSServiceError {
    /// CloudFormation says a stack is missing with a generic `ValidationError` and this message.
    public var isStackNotFound: Bool {
        code == "ValidationError" && message.contains("does not exist")
    }
}
