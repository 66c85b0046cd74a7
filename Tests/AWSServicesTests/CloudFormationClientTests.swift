import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

/// Request shapes and answers of the CloudFormation operations the stack deployer uses.
struct CloudFormationClientTests {
    static func form(_ request: HTTPRequest) -> [String] {
        String(decoding: request.body, as: UTF8.self).split(separator: "&").map { String($0).removingPercentEncoding ?? String($0) }
    }

    @Test func createChangeSetListsAreMembersAndEmptyListsAreLeftOut() async throws {
        let transport = FakeTransport { _, _ in
            FakeTransport.xml(
                200,
                "<CreateChangeSetResponse><CreateChangeSetResult><Id>arn:cs</Id><StackId>arn:stack</StackId></CreateChangeSetResult></CreateChangeSetResponse>"
            )
        }
        let cfn = CloudFormationClient(AWSClient.forTesting(transport: transport))
        let output = try await cfn.createChangeSet(
            stackName: "site-dev", changeSetName: "berth-1", type: .update, template: .body("Resources: {}"), parameters: ["B": "2", "A": "1"],
            tags: ["berth:project": "site"], capabilities: [.iam, .autoExpand], description: "why")
        #expect(output == .init(Id: "arn:cs", StackId: "arn:stack"))
        let form = Self.form(try #require(transport.requests.first))
        #expect(form.first == "Action=CreateChangeSet")
        for expected in [
            "StackName=site-dev", "ChangeSetName=berth-1", "ChangeSetType=UPDATE", "TemplateBody=Resources: {}", "Description=why",
            "ClientToken=berth-1",
            "Parameters.member.1.ParameterKey=A", "Parameters.member.1.ParameterValue=1", "Parameters.member.2.ParameterKey=B",
            "Tags.member.1.Key=berth:project", "Tags.member.1.Value=site", "Capabilities.member.1=CAPABILITY_IAM",
            "Capabilities.member.2=CAPABILITY_AUTO_EXPAND",
        ] {
            #expect(form.contains(expected), "missing \(expected) in \(form)")
        }

        _ = try await cfn.createChangeSet(
            stackName: "s", changeSetName: "berth-2", type: .create, template: .url("https://s3.us-east-1.amazonaws.com/b/k"))
        let second = Self.form(transport.requests[1])
        #expect(second.contains("TemplateURL=https://s3.us-east-1.amazonaws.com/b/k"))
        #expect(
            !second.contains { $0.hasPrefix("Tags") || $0.hasPrefix("Parameters") || $0.hasPrefix("Capabilities") || $0.hasPrefix("TemplateBody") })
    }

    @Test func describeChangeSetGathersEveryPage() async throws {
        let transport = FakeTransport { request, index in
            let change = { (id: String) in
                "<member><Type>Resource</Type><ResourceChange><Action>Modify</Action><LogicalResourceId>\(id)</LogicalResourceId>"
                    + "<PhysicalResourceId>p-\(id)</PhysicalResourceId><ResourceType>AWS::SNS::Topic</ResourceType><Replacement>True</Replacement></ResourceChange></member>"
            }
            let next = index == 0 ? "<NextToken>t2</NextToken>" : ""
            return FakeTransport.xml(
                200,
                "<DescribeChangeSetResponse><DescribeChangeSetResult><Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus>"
                    + "<Changes>\(change(index == 0 ? "A" : "B"))</Changes>\(next)</DescribeChangeSetResult></DescribeChangeSetResponse>")
        }
        let changeSet = try await CloudFormationClient(AWSClient.forTesting(transport: transport)).describeChangeSet(id: "arn:cs")
        #expect(changeSet.Changes?.compactMap(\.ResourceChange?.LogicalResourceId) == ["A", "B"])
        #expect(changeSet.Changes?.first?.ResourceChange?.Replacement == "True")
        #expect(changeSet.isReady)
        #expect(Self.form(transport.requests[1]).contains("NextToken=t2"))
    }

    @Test func errorsAreNamed() {
        func error(_ code: String, _ message: String) -> AWSServiceError {
            AWSServiceError(code: code, message: message, httpStatus: 400, requestId: nil, service: "CloudFormation", operation: "X")
        }
        #expect(error("ValidationError", "Stack with id site-dev does not exist").cloudFormation == .stackNotFound)
        #expect(error("ValidationError", "No updates are to be performed.").cloudFormation == .noUpdatesToPerform)
        #expect(error("ValidationError", "Stack:arn is in ROLLBACK_COMPLETE state and can not be updated.").cloudFormation == .stackStateForbids)
        #expect(error("ValidationError", "Template format error").cloudFormation == nil)
        #expect(error("AlreadyExistsException", "").cloudFormation == .alreadyExists)
        #expect(error("InvalidChangeSetStatus", "").cloudFormation == .invalidChangeSetStatus)
        #expect(error("ChangeSetNotFound", "").cloudFormation == .changeSetNotFound)
        #expect(error("InsufficientCapabilitiesException", "").cloudFormation == .insufficientCapabilities)
    }

    @Test func anEmptyChangeSetIsToldApartFromAFailedOne() {
        var changeSet = CloudFormationClient.ChangeSet(
            Status: .failed, StatusReason: "The submitted information didn't contain changes. Submit different information to create a change set.")
        #expect(changeSet.isEmpty)
        changeSet.StatusReason = "Parameters: [X] must have values"
        #expect(!changeSet.isEmpty)
    }
}
