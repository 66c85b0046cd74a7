import AWSServices
import BerthTesting
import Foundation
import Testing

@testable import DeployEngine

/// How the deployer treats stacks that are not simply ready: busy, failed creates, failed
/// rollbacks, and the `REVIEW_IN_PROGRESS` leftover of a change set never executed.
struct StackDeployerStateTests {
    typealias CF = FakeCloudFormation

    @Test func waitsForAnOperationInProgressThenSeesNothingToDo() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.stack("UPDATE_IN_PROGRESS"), CF.stack("UPDATE_IN_PROGRESS"), CF.stack("UPDATE_COMPLETE"))
        let before = CF.stackEvent("e1", "UPDATE_IN_PROGRESS", reason: "User Initiated", second: 0)
        let started = CF.Event(id: "e2", logicalId: "AppLogs", status: "UPDATE_IN_PROGRESS", second: 3)
        let finished = CF.Event(id: "e3", logicalId: "AppLogs", status: "UPDATE_COMPLETE", second: 9)
        let stackDone = CF.stackEvent("e4", "UPDATE_COMPLETE", second: 10)
        test.fake.on("DescribeStackEvents", CF.events([before]), CF.events([before, started]), CF.events([before, started, finished, stackDone]))
        test.fake.on("GetTemplate", CF.template(TestDeployer.newTemplate))

        let log = EventLog()
        let result = try await test.deployer.deploy(stack: TestDeployer.request()) { log.append($0) }

        #expect(result.outcome == .noChanges)
        #expect(test.fake.writes.isEmpty)
        #expect(log.steps == [.waitingForStack(status: "UPDATE_IN_PROGRESS"), .noChanges])
        #expect(log.resources.map(\.status.rawValue) == ["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE", "UPDATE_COMPLETE"])
        #expect(log.resources.map(\.elapsed) == [0, 6, 7], "elapsed counts from the first event seen, on AWS's clock")
        #expect(log.resources.last?.isStack == true)
        #expect(test.sleeper.delays.count == 1, "one wait between the two polls, and no real sleeping")
    }

    /// A long wait on another operation with no new events says it is still waiting, every
    /// `quietInterval` (issue 13: "prints one line and then nothing for minutes").
    @Test func aQuietWaitSaysItIsStillWaiting() async throws {
        let test = TestDeployer(secondsPerReading: 10)
        let busy = CF.stack("UPDATE_IN_PROGRESS")
        test.fake.on("DescribeStacks", busy, busy, busy, busy, busy, busy, busy, busy, CF.stack("UPDATE_COMPLETE"))
        test.fake.on("DescribeStackEvents", CF.events([]))
        test.fake.on("GetTemplate", CF.template(TestDeployer.newTemplate))
        let log = EventLog()
        _ = try await test.deployer.deploy(stack: TestDeployer.request()) { log.append($0) }
        let still = log.steps.compactMap { step -> Int? in
            if case .stillWaiting(let status, let seconds) = step, status == "UPDATE_IN_PROGRESS" { return seconds }
            return nil
        }
        #expect(!still.isEmpty && still == still.sorted() && still.allSatisfy { $0 >= 30 }, "\(log.steps)")
    }

    @Test func refusesABusyStackWhenNotToWait() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.stack("UPDATE_ROLLBACK_IN_PROGRESS"))
        await #expect { try await test.deployer.deploy(stack: TestDeployer.request(), options: .init(waitForOtherOperations: false)) } throws: {
            error in
            let error = error as? StackDeployError
            return error?.kind == .otherOperationInProgress && error?.hint?.contains("--no-wait") == true
        }
        #expect(test.fake.operations == ["DescribeStacks"])
    }

    @Test(arguments: ["ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "CREATE_FAILED"])
    func aFailedCreateIsRefusedWithTheWayOut(status: String) async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.stack(status, reason: "The following resource(s) failed to create: [AppLogs]."))
        for run in [false, true] {
            await #expect {
                if run {
                    _ = try await test.deployer.deploy(stack: TestDeployer.request())
                } else {
                    _ = try await test.deployer.plan(stack: TestDeployer.request())
                }
            } throws: { error in
                let error = error as? StackDeployError
                return error?.kind == .needsRecreate && error?.status == StackStatus(status) && error?.hint?.contains("--recreate") == true
                    && error?.summary == "stack site-dev is \(status) and can not be updated"
            }
        }
        #expect(test.fake.writes.isEmpty)
    }

    /// `plan --recreate` (and the quiet plan `deploy --recreate` makes first) says the stack is
    /// made anew, without writing: no change set can be made while the failed stack holds the name.
    @Test func planWithRecreatePromisesACreateAndWritesNothing() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.stack("ROLLBACK_COMPLETE"))
        let plan = try await test.deployer.plan(stack: TestDeployer.request(), options: .init(recreate: true))
        #expect(plan == .create([]))
        #expect(test.fake.writes.isEmpty && test.fake.operations == ["DescribeStacks"])
    }

    @Test func recreateDeletesTheStackThenCreatesIt() async throws {
        let test = TestDeployer()
        test.fake.on(
            "DescribeStacks", CF.stack("ROLLBACK_COMPLETE"), CF.stack("DELETE_COMPLETE"), CF.stack("CREATE_COMPLETE", outputs: ["Topic": "arn:t"]))
        test.fake.on("DescribeStackEvents", CF.events([]))
        test.fake.on("DeleteStack", CF.done("DeleteStack"))
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on("DescribeChangeSet", CF.changeSet("CREATE_COMPLETE", changes: CF.change("Add", "AppLogs", "AWS::Logs::LogGroup")))
        test.fake.on("ExecuteChangeSet", CF.done("ExecuteChangeSet"))

        let log = EventLog()
        let result = try await test.deployer.deploy(stack: TestDeployer.request(), options: .init(recreate: true)) { log.append($0) }

        #expect(result.outcome == .created)
        #expect(result.outputs == ["Topic": "arn:t"])
        #expect(test.fake.writes == ["DeleteStack", "CreateChangeSet", "ExecuteChangeSet"])
        #expect(test.fake.parameters(of: "DeleteStack")?["StackName"] == CF.stackId)
        #expect(test.fake.parameters(of: "CreateChangeSet")?["ChangeSetType"] == "CREATE")
        #expect(log.steps.first == .deletingStack(status: "ROLLBACK_COMPLETE"))
    }

    @Test func updateRollbackFailedNamesTheWayOut() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.stack("UPDATE_ROLLBACK_FAILED"))
        await #expect { try await test.deployer.deploy(stack: TestDeployer.request()) } throws: { error in
            let error = error as? StackDeployError
            return error?.kind == .updateRollbackFailed && error?.hint?.contains("--continue-update-rollback") == true
        }
        #expect(test.fake.writes.isEmpty)
    }

    @Test func continueUpdateRollbackResumesItThenUpdates() async throws {
        let test = TestDeployer()
        test.fake.on(
            "DescribeStacks", CF.stack("UPDATE_ROLLBACK_FAILED"), CF.stack("UPDATE_ROLLBACK_COMPLETE"), CF.stack("UPDATE_IN_PROGRESS"),
            CF.stack("UPDATE_COMPLETE"))
        test.fake.on("DescribeStackEvents", CF.events([]))
        test.fake.on("ContinueUpdateRollback", CF.done("ContinueUpdateRollback"))
        test.fake.on("GetTemplate", CF.template(TestDeployer.template))
        test.fake.on("ListChangeSets", { _ in CF.ok("ListChangeSets", "<Summaries/>") })
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on(
            "DescribeChangeSet", CF.changeSet("CREATE_COMPLETE", changes: CF.change("Modify", "AppLogs", "AWS::Logs::LogGroup", replacement: "False"))
        )
        test.fake.on("ExecuteChangeSet", CF.done("ExecuteChangeSet"))

        let log = EventLog()
        let result = try await test.deployer.deploy(stack: TestDeployer.request(), options: .init(continueUpdateRollback: true)) { log.append($0) }

        #expect(result.outcome == .updated)
        #expect(
            result.changes == [
                PlannedResourceChange(logicalResourceId: "AppLogs", resourceType: "AWS::Logs::LogGroup", action: .modify, replacement: .never)
            ])
        #expect(test.fake.writes == ["ContinueUpdateRollback", "CreateChangeSet", "ExecuteChangeSet"])
        #expect(test.fake.parameters(of: "CreateChangeSet")?["ChangeSetType"] == "UPDATE")
        #expect(log.steps.first == .continuingUpdateRollback)
    }

    @Test func reviewInProgressIsCreatedAfterItsLeftoverChangeSetsAreDeleted() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.stack("REVIEW_IN_PROGRESS"), CF.stack("CREATE_COMPLETE"))
        test.fake.on("DescribeStackEvents", CF.events([]))
        test.fake.on("ListChangeSets") { _ in
            CF.ok(
                "ListChangeSets",
                "<Summaries><member><ChangeSetName>berth-20260101T000000Z-0000abcd</ChangeSetName><ChangeSetId>arn:old</ChangeSetId>"
                    + "<StackName>site-dev</StackName><ExecutionStatus>AVAILABLE</ExecutionStatus><Status>CREATE_COMPLETE</Status></member>"
                    + "<member><ChangeSetName>someone-elses</ChangeSetName><ChangeSetId>arn:other</ChangeSetId><StackName>site-dev</StackName>"
                    + "<ExecutionStatus>AVAILABLE</ExecutionStatus></member>"
                    + "<member><ChangeSetName>berth-other-stack</ChangeSetName><ChangeSetId>arn:x</ChangeSetId><StackName>another</StackName></member>"
                    + "</Summaries>")
        }
        test.fake.on("DeleteChangeSet", CF.done("DeleteChangeSet"))
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on("DescribeChangeSet", CF.changeSet("CREATE_COMPLETE", changes: CF.change("Add", "AppLogs", "AWS::Logs::LogGroup")))
        test.fake.on("ExecuteChangeSet", CF.done("ExecuteChangeSet"))

        let log = EventLog()
        let result = try await test.deployer.deploy(stack: TestDeployer.request()) { log.append($0) }

        #expect(result.outcome == .created)
        #expect(test.fake.writes == ["DeleteChangeSet", "CreateChangeSet", "ExecuteChangeSet"])
        #expect(test.fake.parameters(of: "DeleteChangeSet")?["ChangeSetName"] == "arn:old")
        #expect(test.fake.parameters(of: "CreateChangeSet")?["ChangeSetType"] == "CREATE")
        #expect(log.steps.contains(.deletingLeftoverChangeSet(name: "berth-20260101T000000Z-0000abcd")))
        #expect(!test.fake.operations.contains("GetTemplate"), "a REVIEW_IN_PROGRESS stack has no template to compare")
    }
}
