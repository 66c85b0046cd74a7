import AWSServices
import Foundation
import Testing

@testable import DeployEngine

/// The comparison that lets a no-op deploy stop before any write, and errs towards "maybe different".
struct StackComparisonTests {
    static let template = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n"

    func stack(
        _ status: String = "UPDATE_COMPLETE", parameters: [String: String] = ["Env": "dev"], tags: [String: String] = ["berth:project": "site"]
    )
        -> CloudFormationClient.Stack
    {
        CloudFormationClient.Stack(
            StackName: "site-dev", StackId: "id", StackStatus: StackStatus(status), StackStatusReason: nil, CreationTime: nil, LastUpdatedTime: nil,
            Parameters: parameters.map { CloudFormationClient.Parameter(ParameterKey: $0, ParameterValue: $1) },
            Outputs: nil, Tags: tags.map { CloudFormationClient.Tag(Key: $0, Value: $1) })
    }

    let request = StackRequest(name: "site-dev", templateBody: template, parameters: ["Env": "dev"], tags: ["berth:project": "site"])

    @Test func equalTemplateParametersAndTagsMatch() {
        #expect(StackComparison.matches(stack: stack(), currentTemplate: Self.template, request: request))
        #expect(StackComparison.matches(stack: stack("UPDATE_ROLLBACK_COMPLETE"), currentTemplate: Self.template, request: request))
    }

    @Test func lineEndingsAndTrailingSpaceDoNotCount() {
        let crlf = Self.template.replacingOccurrences(of: "\n", with: "\r\n") + "\n\n  "
        #expect(StackComparison.matches(stack: stack(), currentTemplate: crlf, request: request))
    }

    @Test func anyDifferenceOrUncertaintyDoesNotMatch() {
        #expect(!StackComparison.matches(stack: stack(), currentTemplate: Self.template + "  B:\n", request: request))
        #expect(!StackComparison.matches(stack: stack(), currentTemplate: nil, request: request))
        #expect(!StackComparison.matches(stack: stack(parameters: ["Env": "prod"]), currentTemplate: Self.template, request: request))
        #expect(
            !StackComparison.matches(stack: stack(parameters: ["Env": "dev", "Size": "2"]), currentTemplate: Self.template, request: request),
            "a default we did not pass")
        #expect(!StackComparison.matches(stack: stack(parameters: ["Env": "****"]), currentTemplate: Self.template, request: request), "NoEcho")
        #expect(!StackComparison.matches(stack: stack(tags: [:]), currentTemplate: Self.template, request: request))
        #expect(!StackComparison.matches(stack: stack("ROLLBACK_COMPLETE"), currentTemplate: Self.template, request: request))
        #expect(!StackComparison.matches(stack: stack("REVIEW_IN_PROGRESS"), currentTemplate: Self.template, request: request))
    }
}
