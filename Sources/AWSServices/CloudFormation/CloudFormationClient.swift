import AWSRuntime
import Foundation

/// AWS CloudFormation (awsQuery).
///
/// Reads are marked idempotent and retried freely. Writes are retried after a dropped
/// connection only where a repeat cannot do the work twice: each says why in its comment.
package struct CloudFormationClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "CloudFormation", endpointPrefix: "cloudformation", serviceId: "CloudFormation", protocol: .query(version: "2010-05-15"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    /// All stacks, or the one named; a stack that does not exist is `nil`, not an error.
    package func describeStacks(name: String? = nil) async throws -> [Stack] {
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

    /// One stack by name or id, `nil` when there is none. By id, a deleted stack is still
    /// found (as `DELETE_COMPLETE`); by name it is not.
    package func describeStack(_ nameOrId: String) async throws -> Stack? {
        try await describeStacks(name: nameOrId).first
    }

    /// The template as it was submitted (`TemplateStage=Original`, before transforms), so it
    /// can be compared byte for byte with the one about to be sent.
    package func getTemplate(stackName: String) async throws -> String? {
        let output: GetTemplateOutput = try await client.query(
            Self.descriptor, operation: "GetTemplate", parameters: [("StackName", stackName), ("TemplateStage", "Original")], idempotent: true)
        return output.TemplateBody
    }

    /// Starts computing a change set.
    ///
    /// Retried like a read: a repeat after the first call took effect fails with
    /// `AlreadyExistsException` for the same change set name, and the deployer answers that by
    /// looking the change set up by name (names are unique per run), so no second change set
    /// is ever made. `ClientToken` (the change set name) tells AWS the same.
    package func createChangeSet(
        stackName: String, changeSetName: String, type: ChangeSetType, template: TemplateSource, parameters: [String: String] = [:],
        tags: [String: String] = [:], capabilities: [Capability] = [], description: String? = nil
    ) async throws -> CreateChangeSetOutput {
        var input = CreateChangeSetInput(
            StackName: stackName, ChangeSetName: changeSetName, ChangeSetType: type, Description: description, ClientToken: changeSetName)
        switch template {
        case .body(let body): input.TemplateBody = body
        case .url(let url): input.TemplateURL = url
        }
        // Empty lists are left out: awsQuery would send a bare `Tags=`, which on UPDATE means
        // "remove every tag" rather than "no opinion".
        if !parameters.isEmpty {
            input.Parameters = parameters.keys.sorted().map { Parameter(ParameterKey: $0, ParameterValue: parameters[$0]) }
        }
        if !tags.isEmpty { input.Tags = tags.keys.sorted().map { Tag(Key: $0, Value: tags[$0] ?? "") } }
        if !capabilities.isEmpty { input.Capabilities = capabilities }
        return try await client.query(Self.descriptor, operation: "CreateChangeSet", input: input, idempotent: true)
    }

    /// A change set with the changes of all its pages. `id` is the change set's ARN.
    package func describeChangeSet(id: String) async throws -> ChangeSet {
        var first: ChangeSet?
        let changes = try await Paginator<ChangeSet> { token in
            var parameters: [(String, String)] = [("ChangeSetName", id)]
            if let token { parameters.append(("NextToken", token)) }
            let page: ChangeSet = try await client.query(Self.descriptor, operation: "DescribeChangeSet", parameters: parameters, idempotent: true)
            return (page, page.NextToken)
        }.collect { page -> [Change] in
            if first == nil { first = page }
            return page.Changes ?? []
        }
        guard var changeSet = first else { throw AWSClientError("CloudFormation DescribeChangeSet returned no page; this is a bug in Berth") }
        changeSet.Changes = changes
        changeSet.NextToken = nil
        return changeSet
    }

    /// Starts the stack operation. Retried like a read because of `ClientRequestToken`: AWS
    /// recognises the repeat; a repeat it does not recognise fails with `InvalidChangeSetStatus`,
    /// which the deployer checks against the change set's `ExecutionStatus`.
    package func executeChangeSet(id: String, clientRequestToken: String) async throws {
        let _: EmptyOutput = try await client.query(
            Self.descriptor, operation: "ExecuteChangeSet", parameters: [("ChangeSetName", id), ("ClientRequestToken", clientRequestToken)],
            idempotent: true)
    }

    /// Deleting twice is harmless: the second gets `ChangeSetNotFound`, which callers ignore.
    package func deleteChangeSet(id: String) async throws {
        let _: EmptyOutput = try await client.query(
            Self.descriptor, operation: "DeleteChangeSet", parameters: [("ChangeSetName", id)], idempotent: true)
    }

    /// The change sets of one stack. moto lists every stack's change sets whatever `StackName`
    /// says, so the answer is filtered here too (a no-op on AWS).
    package func listChangeSets(stackName: String) -> Paginator<[ChangeSetSummary]> {
        Paginator { token in
            var parameters: [(String, String)] = [("StackName", stackName)]
            if let token { parameters.append(("NextToken", token)) }
            let page: ListChangeSetsOutput = try await client.query(
                Self.descriptor, operation: "ListChangeSets", parameters: parameters, idempotent: true)
            let mine = (page.Summaries ?? []).filter { $0.StackName == stackName || $0.StackId == stackName }
            return (mine, page.NextToken)
        }
    }

    /// Stack events, newest first, as CloudFormation returns them. Stop iterating once the
    /// events already seen are reached: a long-lived stack has thousands.
    package func describeStackEvents(stackName: String) -> Paginator<[StackEvent]> {
        Paginator { token in
            var parameters: [(String, String)] = [("StackName", stackName)]
            if let token { parameters.append(("NextToken", token)) }
            let page: DescribeStackEventsOutput = try await client.query(
                Self.descriptor, operation: "DescribeStackEvents", parameters: parameters, idempotent: true)
            return (page.StackEvents ?? [], page.NextToken)
        }
    }

    /// Starts deleting a stack. Deleting a stack that is being deleted or is gone succeeds, so
    /// a repeat is harmless.
    package func deleteStack(_ nameOrId: String, clientRequestToken: String? = nil) async throws {
        var parameters: [(String, String)] = [("StackName", nameOrId)]
        if let clientRequestToken { parameters.append(("ClientRequestToken", clientRequestToken)) }
        let _: EmptyOutput = try await client.query(Self.descriptor, operation: "DeleteStack", parameters: parameters, idempotent: true)
    }

    /// Resumes the rollback of a stack in `UPDATE_ROLLBACK_FAILED`. The token makes a repeat
    /// recognisable to AWS.
    package func continueUpdateRollback(_ nameOrId: String, clientRequestToken: String) async throws {
        let _: EmptyOutput = try await client.query(
            Self.descriptor, operation: "ContinueUpdateRollback", parameters: [("StackName", nameOrId), ("ClientRequestToken", clientRequestToken)],
            idempotent: true)
    }
}
