import AWSServices
import BerthTesting
import Foundation
import Testing

@testable import DeployEngine

/// Stack events streamed while an operation runs, and what a failure reports.
struct StackDeployerEventTests {
    typealias CF = FakeCloudFormation

    static let old = CF.stackEvent("e0", "CREATE_COMPLETE", second: 0)
    static let updating = CF.stackEvent("e1", "UPDATE_IN_PROGRESS", reason: "User Initiated", second: 10)
    static let logsUpdating = CF.Event(id: "e2", logicalId: "AppLogs", status: "UPDATE_IN_PROGRESS", second: 11)
    static let logsFailed = CF.Event(id: "e3", logicalId: "AppLogs", status: "UPDATE_FAILED", reason: "Retention cannot be 13", second: 14)
    static let topicCancelled = CF.Event(
        id: "e4", logicalId: "Alarms", type: "AWS::SNS::Topic", status: "UPDATE_FAILED", reason: "Resource update cancelled", second: 15)
    static let rollingBack = CF.stackEvent(
        "e5", "UPDATE_ROLLBACK_IN_PROGRESS", reason: "The following resource(s) failed to update: [AppLogs]. ", second: 16)
    static let rolledBack = CF.stackEvent("e6", "UPDATE_ROLLBACK_COMPLETE", second: 30)

    static func failingUpdate(_ test: TestDeployer) {
        test.fake.on(
            "DescribeStacks", CF.stack("UPDATE_COMPLETE"), CF.stack("UPDATE_IN_PROGRESS"), CF.stack("UPDATE_ROLLBACK_IN_PROGRESS"),
            CF.stack("UPDATE_ROLLBACK_COMPLETE", reason: "rolled back"))
        test.fake.on("GetTemplate", CF.template(TestDeployer.template))
        test.fake.on("ListChangeSets", { _ in CF.ok("ListChangeSets", "<Summaries/>") })
        test.fake.on("CreateChangeSet", CF.created)
        test.fake.on(
            "DescribeChangeSet", CF.changeSet("CREATE_COMPLETE", changes: CF.change("Modify", "AppLogs", "AWS::Logs::LogGroup", replacement: "False"))
        )
        test.fake.on("ExecuteChangeSet", CF.done("ExecuteChangeSet"))
        test.fake.on(
            "DescribeStackEvents", CF.events([old]), CF.events([old, updating, logsUpdating]),
            CF.events([old, updating, logsUpdating, logsFailed, topicCancelled, rollingBack]),
            CF.events([old, updating, logsUpdating, logsFailed, topicCancelled, rollingBack, rolledBack]))
    }

    @Test func aFailedUpdateReportsItsFirstFailedResourceAndTheRollback() async throws {
        let test = TestDeployer()
        Self.failingUpdate(test)
        let log = EventLog()
        do {
            _ = try await test.deployer.deploy(stack: TestDeployer.request()) { log.append($0) }
            Issue.record("the deploy should have failed")
        } catch let error as StackDeployError {
            #expect(error.kind == .operationFailed)
            #expect(error.status == .updateRollbackComplete)
            #expect(
                error.firstFailure
                    == .init(
                        logicalResourceId: "AppLogs", resourceType: "AWS::Logs::LogGroup", status: StackStatus("UPDATE_FAILED"),
                        reason: "Retention cannot be 13"))
            #expect(
                error.summary
                    == "stack site-dev: update failed at AppLogs (AWS::Logs::LogGroup): Retention cannot be 13; rolled back to the previous version (UPDATE_ROLLBACK_COMPLETE)"
            )
            #expect(error.hint == "the stack is as it was before; fix the cause and deploy again")
        }
        #expect(
            log.resources.map(\.logicalResourceId) == ["site-dev", "AppLogs", "AppLogs", "Alarms", "site-dev", "site-dev"],
            "each event once, oldest first, none from before")
        #expect(log.resources.map(\.elapsed) == [0, 1, 4, 5, 6, 20])
        #expect(log.resources.filter(\.isFailure).map(\.logicalResourceId) == ["AppLogs", "Alarms"])
        #expect(log.steps.map { if case .executingChangeSet = $0 { "execute" } else { "\($0)" } }.contains("execute"))
        #expect(test.sleeper.delays.count == 2)
    }

    @Test func streamTakesOnlyNewEventsOldestFirst() {
        var stream = StackEventStream(stackName: "site-dev", marker: "e0")
        func make(_ events: [CF.Event]) -> [CloudFormationClient.StackEvent] {
            events.reversed().map { event in
                CloudFormationClient.StackEvent(
                    EventId: event.id, StackId: CF.stackId, StackName: "site-dev", LogicalResourceId: event.logicalId, PhysicalResourceId: nil,
                    ResourceType: event.type, Timestamp: Date(timeIntervalSince1970: Double(event.second)), ResourceStatus: StackStatus(event.status),
                    ResourceStatusReason: event.reason, ClientRequestToken: nil)
            }
        }
        #expect(stream.take(newestFirst: make([Self.updating, Self.logsUpdating])).map(\.logicalResourceId) == ["site-dev", "AppLogs"])
        #expect(stream.take(newestFirst: make([Self.logsUpdating, Self.logsFailed])).map(\.status.rawValue) == ["UPDATE_FAILED"])
        #expect(stream.firstFailure?.reason == "Retention cannot be 13")
        #expect(stream.events.count == 3)
    }

    @Test func deleteWaitsUntilTheStackIsGone() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.stack("CREATE_COMPLETE"), CF.stack("DELETE_IN_PROGRESS"), CF.stack("DELETE_COMPLETE"))
        test.fake.on(
            "DescribeStackEvents", CF.events([Self.old]), CF.events([Self.old, CF.stackEvent("d1", "DELETE_IN_PROGRESS", second: 40)]),
            CF.events([Self.old, CF.stackEvent("d1", "DELETE_IN_PROGRESS", second: 40), CF.stackEvent("d2", "DELETE_COMPLETE", second: 50)]))
        test.fake.on("DeleteStack", CF.done("DeleteStack"))
        let log = EventLog()
        #expect(try await test.deployer.delete(stackName: "site-dev") { log.append($0) })
        #expect(test.fake.writes == ["DeleteStack"])
        #expect(log.resources.map(\.status.rawValue) == ["DELETE_IN_PROGRESS", "DELETE_COMPLETE"])
    }

    @Test func deletingAMissingStackIsFine() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.noStack)
        #expect(try await test.deployer.delete(stackName: "site-dev") == false)
        #expect(test.fake.writes.isEmpty)
    }

    @Test func aFailedDeleteNamesWhatBlockedIt() async throws {
        let test = TestDeployer()
        test.fake.on(
            "DescribeStacks", CF.stack("UPDATE_COMPLETE"),
            CF.stack("DELETE_FAILED", reason: "The following resource(s) failed to delete: [Backups]. "))
        test.fake.on(
            "DescribeStackEvents", CF.events([Self.old]),
            CF.events([
                Self.old,
                CF.Event(
                    id: "d1", logicalId: "Backups", type: "AWS::S3::Bucket", status: "DELETE_FAILED",
                    reason: "The bucket you tried to delete is not empty", second: 41),
            ]))
        test.fake.on("DeleteStack", CF.done("DeleteStack"))
        await #expect { try await test.deployer.delete(stackName: "site-dev") } throws: { error in
            let error = error as? StackDeployError
            return error?.kind == .deleteFailed
                && error?.summary == "stack site-dev: delete failed at Backups (AWS::S3::Bucket): The bucket you tried to delete is not empty"
        }
    }

    @Test func outputsOfAMissingStackIsAnError() async throws {
        let test = TestDeployer()
        test.fake.on("DescribeStacks", CF.noStack, CF.stack("UPDATE_COMPLETE", outputs: ["A": "1"]))
        await #expect { try await test.deployer.outputs(stackName: "site-dev") } throws: { ($0 as? StackDeployError)?.kind == .stackNotFound }
        #expect(try await test.deployer.outputs(stackName: "site-dev") == ["A": "1"])
    }
}
