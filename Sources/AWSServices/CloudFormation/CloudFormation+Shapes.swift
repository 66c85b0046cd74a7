import Foundation

/// The CloudFormation shapes Berth reads or writes, with only the fields it uses. Property
/// names are the wire names, so the XML decoder and `QueryEncoder` need no key tables.
extension CloudFormationClient {
    public struct Stack: Decodable, Sendable, Equatable {
        public var StackName: String
        public var StackId: String?
        public var StackStatus: StackStatus
        public var StackStatusReason: String?
        public var CreationTime: Date?
        public var LastUpdatedTime: Date?
        public var Parameters: [Parameter]?
        public var Outputs: [Output]?
        public var Tags: [Tag]?

        public init(
            StackName: String, StackId: String? = nil, StackStatus: StackStatus, StackStatusReason: String? = nil, CreationTime: Date? = nil,
            LastUpdatedTime: Date? = nil, Parameters: [Parameter]? = nil, Outputs: [Output]? = nil, Tags: [Tag]? = nil
        ) {
            self.StackName = StackName
            self.StackId = StackId
            self.StackStatus = StackStatus
            self.StackStatusReason = StackStatusReason
            self.CreationTime = CreationTime
            self.LastUpdatedTime = LastUpdatedTime
            self.Parameters = Parameters
            self.Outputs = Outputs
            self.Tags = Tags
        }

        public struct Output: Decodable, Sendable, Equatable {
            public var OutputKey: String
            public var OutputValue: String?
            public var ExportName: String?

            public init(OutputKey: String, OutputValue: String?, ExportName: String? = nil) {
                self.OutputKey = OutputKey
                self.OutputValue = OutputValue
                self.ExportName = ExportName
            }
        }

        /// Outputs by key; an output without a value (moto, or a failed stack) is left out.
        public var outputValues: [String: String] {
            var values: [String: String] = [:]
            for output in Outputs ?? [] { if let value = output.OutputValue { values[output.OutputKey] = value } }
            return values
        }

        public var parameterValues: [String: String] {
            var values: [String: String] = [:]
            for parameter in Parameters ?? [] { values[parameter.ParameterKey] = parameter.ParameterValue ?? "" }
            return values
        }

        public var tagValues: [String: String] {
            Dictionary((Tags ?? []).map { ($0.Key, $0.Value) }, uniquingKeysWith: { _, last in last })
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

    public struct Parameter: Codable, Sendable, Equatable {
        public var ParameterKey: String
        public var ParameterValue: String?
        public init(ParameterKey: String, ParameterValue: String?) {
            self.ParameterKey = ParameterKey
            self.ParameterValue = ParameterValue
        }
    }

    /// What a stack may do that needs the caller's explicit consent (`InsufficientCapabilities`
    /// otherwise): create IAM resources, name them, or expand macros and nested stacks.
    public enum Capability: String, Codable, Sendable, CaseIterable {
        case iam = "CAPABILITY_IAM"
        case namedIAM = "CAPABILITY_NAMED_IAM"
        case autoExpand = "CAPABILITY_AUTO_EXPAND"
    }

    public enum ChangeSetType: String, Codable, Sendable {
        /// For a stack that does not exist yet (or is still `REVIEW_IN_PROGRESS`).
        case create = "CREATE"
        case update = "UPDATE"
    }

    /// Where the template comes from: inline up to 51,200 bytes, otherwise an S3 URL.
    public enum TemplateSource: Sendable, Equatable {
        case body(String)
        case url(String)
    }

    public struct CreateChangeSetInput: Encodable, Sendable {
        var StackName: String
        var ChangeSetName: String
        var ChangeSetType: ChangeSetType
        var TemplateBody: String?
        var TemplateURL: String?
        var Parameters: [Parameter]?
        var Tags: [Tag]?
        var Capabilities: [Capability]?
        var Description: String?
        var ClientToken: String?
    }

    public struct CreateChangeSetOutput: Decodable, Sendable, Equatable {
        /// The change set's ARN; later calls use it so they cannot hit another stack's change set
        /// of the same name.
        public var Id: String
        public var StackId: String?

        public init(Id: String, StackId: String?) {
            self.Id = Id
            self.StackId = StackId
        }
    }

    /// `DescribeChangeSet`, with the changes of every page gathered into one value.
    public struct ChangeSet: Decodable, Sendable, Equatable {
        public var ChangeSetName: String?
        public var ChangeSetId: String?
        public var StackId: String?
        public var StackName: String?
        public var Status: ChangeSetStatus
        public var StatusReason: String?
        public var ExecutionStatus: ChangeSetExecutionStatus?
        public var Changes: [Change]?
        public var NextToken: String?

        public init(Status: ChangeSetStatus, StatusReason: String? = nil, ExecutionStatus: ChangeSetExecutionStatus? = nil, Changes: [Change]? = nil)
        {
            self.Status = Status
            self.StatusReason = StatusReason
            self.ExecutionStatus = ExecutionStatus
            self.Changes = Changes
        }
    }

    public struct Change: Decodable, Sendable, Equatable {
        public var `Type`: String?
        public var ResourceChange: ResourceChange?
    }

    public struct ResourceChange: Decodable, Sendable, Equatable {
        /// `Add`, `Modify`, `Remove`, `Import` or `Dynamic`.
        public var Action: String?
        public var LogicalResourceId: String?
        public var PhysicalResourceId: String?
        public var ResourceType: String?
        /// `True`, `False` or `Conditional`; only for `Modify`.
        public var Replacement: String?
    }

    public struct ChangeSetSummary: Decodable, Sendable, Equatable {
        public var ChangeSetId: String?
        public var ChangeSetName: String?
        public var StackId: String?
        public var StackName: String?
        public var Status: ChangeSetStatus?
        public var ExecutionStatus: ChangeSetExecutionStatus?
        public var CreationTime: Date?
    }

    public struct StackEvent: Decodable, Sendable, Equatable {
        public var EventId: String
        public var StackId: String?
        public var StackName: String?
        public var LogicalResourceId: String?
        public var PhysicalResourceId: String?
        public var ResourceType: String?
        public var Timestamp: Date
        public var ResourceStatus: StackStatus?
        public var ResourceStatusReason: String?
        public var ClientRequestToken: String?

        public init(
            EventId: String, StackId: String? = nil, StackName: String? = nil, LogicalResourceId: String? = nil, PhysicalResourceId: String? = nil,
            ResourceType: String? = nil, Timestamp: Date, ResourceStatus: StackStatus? = nil, ResourceStatusReason: String? = nil,
            ClientRequestToken: String? = nil
        ) {
            self.EventId = EventId
            self.StackId = StackId
            self.StackName = StackName
            self.LogicalResourceId = LogicalResourceId
            self.PhysicalResourceId = PhysicalResourceId
            self.ResourceType = ResourceType
            self.Timestamp = Timestamp
            self.ResourceStatus = ResourceStatus
            self.ResourceStatusReason = ResourceStatusReason
            self.ClientRequestToken = ClientRequestToken
        }

        /// The stack's own events carry the stack as their resource.
        public var isStackEvent: Bool {
            ResourceType == "AWS::CloudFormation::Stack" && (LogicalResourceId == StackName || PhysicalResourceId == StackId)
        }
    }

    struct DescribeStacksOutput: Decodable {
        var Stacks: [Stack]?
        var NextToken: String?
    }

    struct ListChangeSetsOutput: Decodable {
        var Summaries: [ChangeSetSummary]?
        var NextToken: String?
    }

    struct DescribeStackEventsOutput: Decodable {
        var StackEvents: [StackEvent]?
        var NextToken: String?
    }

    struct GetTemplateOutput: Decodable {
        var TemplateBody: String?
    }
}
