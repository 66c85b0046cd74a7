import Foundation

/// The CloudFormation shapes Berth reads or writes, with only the fields it uses. Property
/// names are the wire names, so the XML decoder and `QueryEncoder` need no key tables.
extension CloudFormationClient {
    package struct Stack: Decodable, Sendable, Equatable {
        package var StackName: String
        package var StackId: String?
        package var StackStatus: StackStatus
        package var StackStatusReason: String?
        package var CreationTime: Date?
        package var LastUpdatedTime: Date?
        package var Parameters: [Parameter]?
        package var Outputs: [Output]?
        package var Tags: [Tag]?

        package init(
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

        package struct Output: Decodable, Sendable, Equatable {
            package var OutputKey: String
            package var OutputValue: String?
            package var ExportName: String?

            package init(OutputKey: String, OutputValue: String?, ExportName: String? = nil) {
                self.OutputKey = OutputKey
                self.OutputValue = OutputValue
                self.ExportName = ExportName
            }
        }

        /// Outputs by key; an output without a value (moto, or a failed stack) is left out.
        package var outputValues: [String: String] {
            var values: [String: String] = [:]
            for output in Outputs ?? [] { if let value = output.OutputValue { values[output.OutputKey] = value } }
            return values
        }

        package var parameterValues: [String: String] {
            var values: [String: String] = [:]
            for parameter in Parameters ?? [] { values[parameter.ParameterKey] = parameter.ParameterValue ?? "" }
            return values
        }

        package var tagValues: [String: String] {
            Dictionary((Tags ?? []).map { ($0.Key, $0.Value) }, uniquingKeysWith: { _, last in last })
        }
    }

    package struct Tag: Codable, Sendable, Equatable {
        package var Key: String
        package var Value: String
        package init(Key: String, Value: String) {
            self.Key = Key
            self.Value = Value
        }
    }

    package struct Parameter: Codable, Sendable, Equatable {
        package var ParameterKey: String
        package var ParameterValue: String?
        package init(ParameterKey: String, ParameterValue: String?) {
            self.ParameterKey = ParameterKey
            self.ParameterValue = ParameterValue
        }
    }

    /// What a stack may do that needs the caller's explicit consent (`InsufficientCapabilities`
    /// otherwise): create IAM resources, name them, or expand macros and nested stacks.
    package enum Capability: String, Codable, Sendable, CaseIterable {
        case iam = "CAPABILITY_IAM"
        case namedIAM = "CAPABILITY_NAMED_IAM"
        case autoExpand = "CAPABILITY_AUTO_EXPAND"
    }

    package enum ChangeSetType: String, Codable, Sendable {
        /// For a stack that does not exist yet (or is still `REVIEW_IN_PROGRESS`).
        case create = "CREATE"
        case update = "UPDATE"
    }

    /// Where the template comes from: inline up to 51,200 bytes, otherwise an S3 URL.
    package enum TemplateSource: Sendable, Equatable {
        case body(String)
        case url(String)
    }

    package struct CreateChangeSetInput: Encodable, Sendable {
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

    package struct CreateChangeSetOutput: Decodable, Sendable, Equatable {
        /// The change set's ARN; later calls use it so they cannot hit another stack's change set
        /// of the same name.
        package var Id: String
        package var StackId: String?

        package init(Id: String, StackId: String?) {
            self.Id = Id
            self.StackId = StackId
        }
    }

    /// `DescribeChangeSet`, with the changes of every page gathered into one value.
    package struct ChangeSet: Decodable, Sendable, Equatable {
        package var ChangeSetName: String?
        package var ChangeSetId: String?
        package var StackId: String?
        package var StackName: String?
        package var Status: ChangeSetStatus
        package var StatusReason: String?
        package var ExecutionStatus: ChangeSetExecutionStatus?
        package var Changes: [Change]?
        package var NextToken: String?

        package init(Status: ChangeSetStatus, StatusReason: String? = nil, ExecutionStatus: ChangeSetExecutionStatus? = nil, Changes: [Change]? = nil)
        {
            self.Status = Status
            self.StatusReason = StatusReason
            self.ExecutionStatus = ExecutionStatus
            self.Changes = Changes
        }
    }

    package struct Change: Decodable, Sendable, Equatable {
        package var `Type`: String?
        package var ResourceChange: ResourceChange?
    }

    package struct ResourceChange: Decodable, Sendable, Equatable {
        /// `Add`, `Modify`, `Remove`, `Import` or `Dynamic`.
        package var Action: String?
        package var LogicalResourceId: String?
        package var PhysicalResourceId: String?
        package var ResourceType: String?
        /// `True`, `False` or `Conditional`; only for `Modify`.
        package var Replacement: String?
    }

    package struct ChangeSetSummary: Decodable, Sendable, Equatable {
        package var ChangeSetId: String?
        package var ChangeSetName: String?
        package var StackId: String?
        package var StackName: String?
        package var Status: ChangeSetStatus?
        package var ExecutionStatus: ChangeSetExecutionStatus?
        package var CreationTime: Date?
    }

    package struct StackEvent: Decodable, Sendable, Equatable {
        package var EventId: String
        package var StackId: String?
        package var StackName: String?
        package var LogicalResourceId: String?
        package var PhysicalResourceId: String?
        package var ResourceType: String?
        package var Timestamp: Date
        package var ResourceStatus: StackStatus?
        package var ResourceStatusReason: String?
        package var ClientRequestToken: String?

        package init(
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
        package var isStackEvent: Bool {
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
