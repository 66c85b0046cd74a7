import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

/// The AWS state enums: every documented value has its own case and spells back the same, and
/// a value AWS adds later decodes as `.unknown` and goes back out unchanged.
struct AWSEnumTests {
    /// One enum with its documented values, paired with the case each must map to, in the
    /// order of the API reference.
    struct Family: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var checkKnown: @Sendable () throws -> Void
        var checkUnknown: @Sendable (String) throws -> Void

        init<T: AWSEnum>(_ name: String, _ documented: KeyValuePairs<T, String>) {
            let pairs = documented.map { ($0.key, $0.value) }
            testDescription = name
            checkKnown = { () throws in
                #expect(T.knownCases == pairs.map(\.0), "knownCases of \(name) differ from the API reference")
                for (value, wire) in pairs {
                    #expect(T(rawValue: wire) == value)
                    #expect(value.rawValue == wire && value.description == wire)
                    #expect(try AWSEnumTests.decode([T].self, #"["\#(wire)"]"#) == [value])
                    #expect(try AWSEnumTests.encode([value]) == #"["\#(wire)"]"#)
                }
            }
            checkUnknown = { wire in
                let value = try #require(T(rawValue: wire))
                #expect(value == .unknown(wire))
                #expect(!T.knownCases.contains(value))
                #expect(value.rawValue == wire && value.description == wire)
                #expect(try AWSEnumTests.decode([T].self, #"["\#(wire)"]"#) == [value])
                #expect(try AWSEnumTests.encode([value]) == #"["\#(wire)"]"#)
            }
        }
    }

    static let families: [Family] = [
        Family("ECS ServiceStatus", [ECSClient.ServiceStatus.active: "ACTIVE", .draining: "DRAINING", .inactive: "INACTIVE"]),
        Family("ECS DeploymentStatus", [ECSClient.DeploymentStatus.primary: "PRIMARY", .active: "ACTIVE", .inactive: "INACTIVE"]),
        Family(
            "ECS DeploymentRolloutState",
            [ECSClient.DeploymentRolloutState.inProgress: "IN_PROGRESS", .completed: "COMPLETED", .failed: "FAILED"]),
        Family("ECS DesiredStatus", [ECSClient.DesiredStatus.running: "RUNNING", .pending: "PENDING", .stopped: "STOPPED"]),
        Family(
            "ECS TaskDefinitionStatus",
            [ECSClient.TaskDefinitionStatus.active: "ACTIVE", .inactive: "INACTIVE", .deleteInProgress: "DELETE_IN_PROGRESS"]),
        Family(
            "CloudFormation ChangeSetStatus",
            [
                ChangeSetStatus.createPending: "CREATE_PENDING", .createInProgress: "CREATE_IN_PROGRESS", .createComplete: "CREATE_COMPLETE",
                .deletePending: "DELETE_PENDING", .deleteInProgress: "DELETE_IN_PROGRESS", .deleteComplete: "DELETE_COMPLETE",
                .deleteFailed: "DELETE_FAILED", .failed: "FAILED",
            ]),
        Family(
            "CloudFormation ExecutionStatus",
            [
                ChangeSetExecutionStatus.unavailable: "UNAVAILABLE", .available: "AVAILABLE", .executeInProgress: "EXECUTE_IN_PROGRESS",
                .executeComplete: "EXECUTE_COMPLETE", .executeFailed: "EXECUTE_FAILED", .obsolete: "OBSOLETE",
            ]),
        Family(
            "EFS LifeCycleState",
            [
                EFSClient.LifeCycleState.creating: "creating", .available: "available", .updating: "updating", .deleting: "deleting",
                .deleted: "deleted", .error: "error",
            ]),
    ]

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    @Test(arguments: families) func eachDocumentedValueMapsToItsCase(_ family: Family) throws {
        try family.checkKnown()
    }

    /// A made-up value, one whose case differs from a known one (`active`), and the empty string.
    @Test(arguments: families) func anUndocumentedValueDecodesAndRoundTrips(_ family: Family) throws {
        for wire in ["PAUSED_BY_A_FUTURE_FEATURE", "active", "Active", ""] {
            try family.checkUnknown(wire)
        }
    }

    @Test func anUndocumentedStateInAServiceDoesNotFailTheResponse() async throws {
        let transport = Shape.answering(
            #"""
            {"services":[{"serviceName":"web","status":"PAUSED",
              "deployments":[{"id":"d1","status":"STANDBY","rolloutState":"ROLLING_BACK"}]}],"failures":[]}
            """#)
        let output = try await ECSClient(AWSClient.forTesting(transport: transport)).describeServices(cluster: "c", services: ["web"])
        let service = try #require(output.services?.first)
        #expect(service.status == .unknown("PAUSED"))
        #expect(service.deployments?.first?.status == .unknown("STANDBY"))
        #expect(service.deployments?.first?.rolloutState == .unknown("ROLLING_BACK"))
    }

    @Test func requestsSendTheWireString() async throws {
        let transport = Shape.answering(#"{"taskArns":[],"taskDefinitionArns":[]}"#)
        let ecs = ECSClient(AWSClient.forTesting(transport: transport))
        _ = try await ecs.listTasks(cluster: "c", desiredStatus: .stopped).collect { $0 }
        _ = try await ecs.listTaskDefinitions(familyPrefix: "f", status: .deleteInProgress).collect { $0 }
        #expect(try Shape.body(transport.requests[0]) == Shape.json(#"{"cluster":"c","desiredStatus":"STOPPED"}"#))
        #expect(try Shape.body(transport.requests[1]) == Shape.json(#"{"familyPrefix":"f","status":"DELETE_IN_PROGRESS"}"#))
    }

    @Test func anUndocumentedChangeSetStateDecodesFromXML() async throws {
        let transport = FakeTransport { _, _ in
            FakeTransport.xml(
                200,
                "<DescribeChangeSetResponse><DescribeChangeSetResult><Status>CREATE_PAUSED</Status>"
                    + "<ExecutionStatus>EXECUTE_SCHEDULED</ExecutionStatus></DescribeChangeSetResult></DescribeChangeSetResponse>")
        }
        let changeSet = try await CloudFormationClient(AWSClient.forTesting(transport: transport)).describeChangeSet(id: "arn:cs")
        #expect(changeSet.Status == .unknown("CREATE_PAUSED"))
        #expect(changeSet.ExecutionStatus == .unknown("EXECUTE_SCHEDULED"))
        #expect(!changeSet.Status.isBeingCreated && !changeSet.isReady && !changeSet.hasStartedExecution)
    }

    @Test func changeSetQuestions() {
        #expect(ChangeSetStatus.knownCases.filter(\.isBeingCreated) == [.createPending, .createInProgress])
        #expect(ChangeSetStatus.knownCases.filter(\.isDeleting) == [.deletePending, .deleteInProgress, .deleteComplete, .deleteFailed])
        #expect(ChangeSetExecutionStatus.knownCases.filter(\.hasStarted) == [.executeInProgress, .executeComplete, .executeFailed])
        #expect(EFSClient.LifeCycleState.knownCases.filter(\.isGone) == [.deleting, .deleted])
    }
}
