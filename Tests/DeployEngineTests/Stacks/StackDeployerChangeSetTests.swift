import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

@testable import DeployEngine

/// Change sets: empty ones, failed ones, retried calls, plans that leave nothing behind, and
/// templates that go through S3.
struct StackDeployerChangeSetTests {
    typealias CF = FakeCloudFormation

    /// A settled stack whose template differs from the request's, with no leftovers.
    static func updatable(_ test: TestDeployer) {
        test.fake.on("DescribeStacks", CF.stack("UPDATE_COMPLETE"))
        test.fake.on("GetTemplate", CF.template(TestDeployer.template))
        test.fake.on("ListChangeSets", { _ in CF.ok("ListChangeSets", "<Summaries/>") })
    }

    @Test func noUpdatesFromCreateChangeSetMeansNoChanges() async throws {
        let test = TestDeployer()
        Self.updatable(test)
        test.fake.on("CreateChangeSet", { _ in CF.error("ValidationError", "No updates are to be performed.") })
        let log = EventLog()
        let result = try await test.deployer.deploy(stack: TestDeployer.request()) { log.append($0) }
        #expect(result.outcome == .noChanges)
        #expect(test.fake.writes == ["CreateChangeSet"])
        #expect(log.steps.last == .noChanges)
    }

    @Test func anEmptyChangeSetIsDeletedAndNothingIsExecuted() async throws {
        let test = TestDeployer()
        Self.updatable(test)
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on(
            "DescribeChangeSet",
            CF.changeSet(
                "FAILED", execution: "UNAVAILABLE",
                reason: "The submitted information didn't contain changes. Submit different information to create a change set."))
        test.fake.on("DeleteChangeSet", CF.done("DeleteChangeSet"))
        let result = try await test.deployer.deploy(stack: TestDeployer.request())
        #expect(result.outcome == .noChanges)
        #expect(test.fake.writes == ["CreateChangeSet", "DeleteChangeSet"])
        #expect(test.fake.parameters(of: "DeleteChangeSet")?["ChangeSetName"] == CF.changeSetId)
    }

    @Test func aChangeSetThatFailsForAnotherReasonIsReportedAndDeleted() async throws {
        let test = TestDeployer()
        Self.updatable(test)
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on("DescribeChangeSet", CF.changeSet("FAILED", execution: "UNAVAILABLE", reason: "Parameters: [Image] must have values"))
        test.fake.on("DeleteChangeSet", CF.done("DeleteChangeSet"))
        await #expect { try await test.deployer.deploy(stack: TestDeployer.request()) } throws: { error in
            let error = error as? StackDeployError
            return error?.kind == .changeSetFailed && error?.summary.hasSuffix("Parameters: [Image] must have values") == true
        }
        #expect(test.fake.writes == ["CreateChangeSet", "DeleteChangeSet"])
    }

    @Test func waitsWhileTheChangeSetIsBeingComputed() async throws {
        let test = TestDeployer()
        Self.updatable(test)
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on(
            "DescribeChangeSet", CF.changeSet("CREATE_PENDING", execution: "UNAVAILABLE"),
            CF.changeSet("CREATE_IN_PROGRESS", execution: "UNAVAILABLE"),
            CF.changeSet("CREATE_COMPLETE", changes: CF.change("Modify", "AppLogs", "AWS::Logs::LogGroup", replacement: "Conditional")))
        test.fake.on("DeleteChangeSet", CF.done("DeleteChangeSet"))
        let plan = try await test.deployer.plan(stack: TestDeployer.request())
        #expect(
            plan
                == .update([
                    PlannedResourceChange(
                        logicalResourceId: "AppLogs", resourceType: "AWS::Logs::LogGroup", action: .modify, replacement: .conditional)
                ]))
        #expect(test.sleeper.delays.count == 2)
        #expect(test.fake.writes == ["CreateChangeSet", "DeleteChangeSet"], "a plan deletes its change set")
        #expect(!test.fake.operations.contains("ListChangeSets"), "a plan deletes no one else's change sets")
    }

    @Test func aPlanForANewStackDeletesTheReviewStackItMade() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.noStack)
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on(
            "DescribeChangeSet",
            CF.changeSet(
                "CREATE_COMPLETE",
                changes: CF.change("Add", "AppLogs", "AWS::Logs::LogGroup") + CF.change("Add", "Alarms", "AWS::SNS::Topic")))
        test.fake.on("DeleteChangeSet", CF.done("DeleteChangeSet"))
        test.fake.on("ListChangeSets", CF.changeSets([]))
        test.fake.on("DeleteStack", CF.done("DeleteStack"))
        let plan = try await test.deployer.plan(stack: TestDeployer.request())
        #expect(plan.changes.map(\.logicalResourceId) == ["AppLogs", "Alarms"])
        #expect(plan.changes.allSatisfy { $0.action == .add && $0.replacement == nil })
        guard case .create = plan else { Issue.record("expected a create plan"); return }
        #expect(test.fake.writes == ["CreateChangeSet", "DeleteChangeSet", "DeleteStack"])
        #expect(test.fake.parameters(of: "DeleteStack")?["StackName"] == CF.stackId)
        #expect(test.fake.parameters(of: "ListChangeSets")?["StackName"] == "site-dev")
        #expect(test.fake.parameters(of: "CreateChangeSet")?["ChangeSetType"] == "CREATE")
    }

    /// The quiet plan before a deploy needs only "it will be created" of a stack that is not
    /// there: no change set, no empty stack to delete (on AWS, seconds before the real one).
    @Test func theDeploysOwnPlanOfANewStackWritesNothing() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.noStack)
        var options = StackDeployOptions()
        options.listsNewStackResources = false
        let plan = try await test.deployer.plan(stack: TestDeployer.request(), options: options)
        #expect(plan == .create([]) && plan.hasChanges)
        #expect(test.fake.writes.isEmpty)
    }

    /// Two runs creating the same new stack share its `REVIEW_IN_PROGRESS` stack: the one that
    /// discards first leaves the stack to the other's change set.
    @Test func aPlanLeavesTheReviewStackToAnotherRunsChangeSet() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.noStack)
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on("DescribeChangeSet", CF.changeSet("CREATE_COMPLETE", changes: CF.change("Add", "AppLogs", "AWS::Logs::LogGroup")))
        test.fake.on("DeleteChangeSet", CF.done("DeleteChangeSet"))
        let theirs = CF.changeSetSummary(id: "arn:aws:cloudformation:us-east-1:123456789012:changeSet/berth-y/3333", status: "CREATE_PENDING")
        test.fake.on(
            "ListChangeSets", CF.changeSets([CF.changeSetSummary(id: CF.changeSetId, status: "DELETE_PENDING"), theirs]))
        let plan = try await test.deployer.plan(stack: TestDeployer.request())
        guard case .create = plan else { Issue.record("expected a create plan"); return }
        #expect(test.fake.writes == ["CreateChangeSet", "DeleteChangeSet"], "the stack holding their change set is kept")

        // Theirs gone too (or only ours, being deleted): the empty stack goes.
        let alone = TestDeployer()
        alone.fake.on("DescribeStacks", CF.noStack)
        alone.fake.on("CreateChangeSet", CF.created)
        alone.fake.on("DescribeChangeSet", CF.changeSet("CREATE_COMPLETE", changes: CF.change("Add", "AppLogs", "AWS::Logs::LogGroup")))
        alone.fake.on("DeleteChangeSet", CF.done("DeleteChangeSet"))
        alone.fake.on("ListChangeSets", CF.changeSets([CF.changeSetSummary(id: CF.changeSetId, status: "DELETE_IN_PROGRESS")]))
        alone.fake.on("DeleteStack", CF.done("DeleteStack"))
        _ = try await alone.deployer.plan(stack: TestDeployer.request())
        #expect(alone.fake.writes == ["CreateChangeSet", "DeleteChangeSet", "DeleteStack"])
    }

    /// The interleaving that failed two concurrent first deploys: this run's change set on the
    /// new stack disappears (another run deleted the empty stack under it) before it executes.
    @Test func aDeployWhoseChangeSetAnotherRunRemovedStartsAgainOnce() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.noStack, CF.noStack, CF.stack("CREATE_COMPLETE"))
        test.fake.on("DescribeStackEvents", CF.events([]))
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on(
            "DescribeChangeSet", { _ in CF.error("ChangeSetNotFound", "ChangeSet [\(CF.changeSetId)] does not exist") },
            CF.changeSet("CREATE_COMPLETE", changes: CF.change("Add", "AppLogs", "AWS::Logs::LogGroup")))
        test.fake.on("ExecuteChangeSet", CF.done("ExecuteChangeSet"))
        let log = EventLog()
        let result = try await test.deployer.deploy(stack: TestDeployer.request()) { log.append($0) }
        #expect(result.outcome == .created)
        #expect(test.fake.writes == ["CreateChangeSet", "CreateChangeSet", "ExecuteChangeSet"])
        #expect(log.steps.contains { if case .changeSetRemoved = $0 { true } else { false } })
        let names = test.fake.calls.filter { $0.operation == "CreateChangeSet" }.compactMap { $0.parameters["ChangeSetName"] }
        #expect(Set(names).count == 2, "the second attempt is a change set of its own")

        // Gone twice: not a race any more, reported.
        let again = TestDeployer()
        again.fake.on("DescribeStacks", CF.noStack)
        again.fake.on("CreateChangeSet", CF.created)
        again.fake.on("DescribeChangeSet", { _ in CF.error("ChangeSetNotFound", "ChangeSet does not exist") })
        await #expect { try await again.deployer.deploy(stack: TestDeployer.request()) } throws: { error in
            (error as? AWSServiceError)?.cloudFormation == .changeSetNotFound
        }
        #expect(again.fake.writes == ["CreateChangeSet", "CreateChangeSet"])
    }

    /// The empty stack another run's plan made, seen and then deleted by that run before this
    /// one lists its change sets: nothing is left over, and the deploy creates the stack.
    @Test func aReviewStackThatVanishesBeforeItsLeftoversAreListedIsCreatedAfresh() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.stack("REVIEW_IN_PROGRESS"), CF.stack("CREATE_COMPLETE"))
        test.fake.on("DescribeStackEvents", CF.events([]))
        test.fake.on("ListChangeSets", { _ in CF.error("ValidationError", "Stack with id site-dev does not exist") })
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on("DescribeChangeSet", CF.changeSet("CREATE_COMPLETE", changes: CF.change("Add", "AppLogs", "AWS::Logs::LogGroup")))
        test.fake.on("ExecuteChangeSet", CF.done("ExecuteChangeSet"))
        let result = try await test.deployer.deploy(stack: TestDeployer.request())
        #expect(result.outcome == .created)
        #expect(test.fake.writes == ["CreateChangeSet", "ExecuteChangeSet"])
    }

    /// A change set CloudFormation is still computing belongs to a run going on now (a teammate's
    /// plan), not to an interrupted one: a deploy leaves it alone.
    @Test func aChangeSetStillBeingComputedIsNotALeftover() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.stack("UPDATE_COMPLETE"), CF.stack("UPDATE_COMPLETE"))
        test.fake.on("GetTemplate", CF.template(TestDeployer.template))
        test.fake.on("DescribeStackEvents", CF.events([]))
        test.fake.on(
            "ListChangeSets",
            CF.changeSets([
                CF.changeSetSummary(id: "arn:x/berth-computing", name: "berth-computing", status: "CREATE_IN_PROGRESS"),
                CF.changeSetSummary(id: "arn:x/berth-left", name: "berth-left", status: "CREATE_COMPLETE"),
            ]))
        test.fake.on("DeleteChangeSet", CF.done("DeleteChangeSet"))
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on("DescribeChangeSet", CF.changeSet("CREATE_COMPLETE", changes: CF.change("Modify", "AppLogs", "AWS::Logs::LogGroup")))
        test.fake.on("ExecuteChangeSet", CF.done("ExecuteChangeSet"))
        _ = try await test.deployer.deploy(stack: TestDeployer.request())
        let deleted = test.fake.calls.filter { $0.operation == "DeleteChangeSet" }.compactMap { $0.parameters["ChangeSetName"] }
        #expect(deleted == ["arn:x/berth-left"])
    }

    @Test func aRetriedCreateChangeSetFindsItsOwnChangeSet() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.stack("UPDATE_COMPLETE"), CF.stack("UPDATE_COMPLETE"))
        test.fake.on("GetTemplate", CF.template(TestDeployer.template))
        test.fake.on("DescribeStackEvents", CF.events([]))
        let fake = test.fake
        test.fake.on(
            "ListChangeSets", { _ in CF.ok("ListChangeSets", "<Summaries/>") },
            { _ in
                let name = fake.parameters(of: "CreateChangeSet")?["ChangeSetName"] ?? "?"
                return CF.ok(
                    "ListChangeSets",
                    "<Summaries><member><ChangeSetName>\(name)</ChangeSetName><ChangeSetId>\(CF.changeSetId)</ChangeSetId><StackName>site-dev</StackName>"
                        + "<StackId>\(CF.stackId)</StackId><Status>CREATE_COMPLETE</Status></member></Summaries>")
            })
        test.fake.on("CreateChangeSet", { _ in CF.error("AlreadyExistsException", "ChangeSet already exists") })
        test.fake.on(
            "DescribeChangeSet", CF.changeSet("CREATE_COMPLETE", changes: CF.change("Modify", "AppLogs", "AWS::Logs::LogGroup", replacement: "False"))
        )
        test.fake.on("ExecuteChangeSet", CF.done("ExecuteChangeSet"))
        let result = try await test.deployer.deploy(stack: TestDeployer.request())
        #expect(result.outcome == .updated)
        #expect(test.fake.parameters(of: "ExecuteChangeSet")?["ChangeSetName"] == CF.changeSetId)
    }

    @Test func missingCapabilitiesAreReportedAsABug() async throws {
        let test = TestDeployer()
        Self.updatable(test)
        test.fake.on("CreateChangeSet", { _ in CF.error("InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_NAMED_IAM]") })
        await #expect { try await test.deployer.deploy(stack: TestDeployer.request()) } throws: { error in
            let error = error as? StackDeployError
            return error?.kind == .changeSetFailed && error?.summary.hasSuffix("[CAPABILITY_NAMED_IAM]") == true
                && error?.hint?.contains("bug") == true
        }
    }

    @Test func anAlreadyExistsForSomethingElseIsThrown() async throws {
        let test = TestDeployer()
        Self.updatable(test)
        test.fake.on("CreateChangeSet", { _ in CF.error("AlreadyExistsException", "Stack [site-dev] already exists") })
        await #expect { try await test.deployer.deploy(stack: TestDeployer.request()) } throws: { error in
            (error as? AWSServiceError)?.cloudFormation == .alreadyExists
        }
    }

    @Test func anExecuteThatWentThroughBeforeItsRetryIsFollowed() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.stack("UPDATE_COMPLETE"), CF.stack("UPDATE_COMPLETE"))
        test.fake.on("GetTemplate", CF.template(TestDeployer.template))
        test.fake.on("ListChangeSets", { _ in CF.ok("ListChangeSets", "<Summaries/>") })
        test.fake.on("DescribeStackEvents", CF.events([]))
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on("DescribeChangeSet", CF.changeSet("CREATE_COMPLETE"), CF.changeSet("CREATE_COMPLETE", execution: "EXECUTE_IN_PROGRESS"))
        test.fake.on(
            "ExecuteChangeSet",
            { _ in CF.error("InvalidChangeSetStatus", "ChangeSet cannot be executed in its current status of [EXECUTE_IN_PROGRESS]") })
        let result = try await test.deployer.deploy(stack: TestDeployer.request())
        #expect(result.outcome == .updated)
    }

    @Test func aLargeTemplateIsUploadedAndPassedByURL() async throws {
        let test = TestDeployer()
        let big = TestDeployer.newTemplate + String(repeating: "# padding\n", count: 6000)
        test.fake.on("DescribeStacks", CF.noStack)
        test.fake.on(
            "GetCallerIdentity",
            { _ in
                CF.ok("GetCallerIdentity", "<Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/t</Arn><UserId>AID</UserId>")
            })
        test.fake.on("HeadBucket", { _ in HTTPResponse(status: 404) })
        test.fake.on("CreateBucket", { _ in HTTPResponse(status: 200) })
        test.fake.on("PutObject", { _ in HTTPResponse(status: 200, headers: ["ETag": "\"e\""]) })
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on("DescribeChangeSet", CF.changeSet("CREATE_COMPLETE", changes: CF.change("Add", "AppLogs", "AWS::Logs::LogGroup")))
        test.fake.on("DeleteChangeSet", CF.done("DeleteChangeSet"))
        test.fake.on("ListChangeSets", CF.changeSets([]))
        test.fake.on("DeleteStack", CF.done("DeleteStack"))

        let log = EventLog()
        _ = try await test.deployer.plan(stack: TestDeployer.request(big)) { log.append($0) }

        let key = TemplateUploader.key(stackName: "site-dev", template: big)
        let url = "https://s3.us-east-1.amazonaws.com/berth-artifacts-123456789012-us-east-1/\(key)"
        let create = try #require(test.fake.parameters(of: "CreateChangeSet"))
        #expect(create["TemplateURL"] == url)
        #expect(create["TemplateBody"] == nil)
        #expect(test.fake.parameters(of: "CreateBucket")?["path"] == "/berth-artifacts-123456789012-us-east-1")
        #expect(test.fake.parameters(of: "PutObject")?["path"] == "/berth-artifacts-123456789012-us-east-1/\(key)")
        #expect(test.fake.parameters(of: "PutObject")?["bytes"] == String(big.utf8.count))
        #expect(log.steps.contains(.uploadingTemplate(url: url, bytes: big.utf8.count)))
    }

    @Test func aTemplateAtTheLimitStaysInline() async throws {
        let test = TestDeployer(artifactsBucket: "unused")
        let exact = TestDeployer.newTemplate + String(repeating: "#", count: 51_200 - TestDeployer.newTemplate.utf8.count)
        #expect(exact.utf8.count == 51_200)
        test.fake.on("DescribeStacks", CF.noStack)
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on("DescribeChangeSet", CF.changeSet("CREATE_COMPLETE"))
        test.fake.on("DeleteChangeSet", CF.done("DeleteChangeSet"))
        test.fake.on("ListChangeSets", CF.changeSets([]))
        test.fake.on("DeleteStack", CF.done("DeleteStack"))
        _ = try await test.deployer.plan(stack: TestDeployer.request(exact))
        #expect(test.fake.parameters(of: "CreateChangeSet")?["TemplateBody"] == exact)
        #expect(!test.fake.operations.contains("PutObject"))
    }

    @Test func theKeyHoldsTheStackNameAndTheTemplatesSHA256() {
        #expect(
            TemplateUploader.key(stackName: "site-dev", template: "abc")
                == "cloudformation/site-dev/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.template")
    }
}
