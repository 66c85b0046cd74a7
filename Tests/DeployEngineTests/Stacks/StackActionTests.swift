import AWSServices
import Foundation
import Testing

@testable import DeployEngine

struct StackActionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var status: String?
        var options: StackDeployOptions
        var expected: StackAction
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "no stack", status: nil, options: .init(), expected: .create),
        Case(id: "deleted (by id)", status: "DELETE_COMPLETE", options: .init(), expected: .create),
        Case(id: "review in progress", status: "REVIEW_IN_PROGRESS", options: .init(), expected: .createInReview),
        Case(id: "create complete", status: "CREATE_COMPLETE", options: .init(), expected: .update),
        Case(id: "update complete", status: "UPDATE_COMPLETE", options: .init(), expected: .update),
        Case(id: "update rolled back", status: "UPDATE_ROLLBACK_COMPLETE", options: .init(), expected: .update),
        Case(id: "update running", status: "UPDATE_IN_PROGRESS", options: .init(), expected: .waitForOtherOperation),
        Case(id: "cleanup running", status: "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", options: .init(), expected: .waitForOtherOperation),
        Case(id: "rollback running", status: "ROLLBACK_IN_PROGRESS", options: .init(), expected: .waitForOtherOperation),
        Case(id: "delete running", status: "DELETE_IN_PROGRESS", options: .init(), expected: .waitForOtherOperation),
        Case(
            id: "update running, --no-wait", status: "UPDATE_IN_PROGRESS", options: .init(waitForOtherOperations: false),
            expected: .refuseOtherOperation),
        Case(id: "rollback complete", status: "ROLLBACK_COMPLETE", options: .init(), expected: .refuseRecreate),
        Case(id: "rollback complete, --recreate", status: "ROLLBACK_COMPLETE", options: .init(recreate: true), expected: .recreate),
        Case(id: "rollback failed", status: "ROLLBACK_FAILED", options: .init(), expected: .refuseRecreate),
        Case(id: "create failed, --recreate", status: "CREATE_FAILED", options: .init(recreate: true), expected: .recreate),
        Case(id: "delete failed", status: "DELETE_FAILED", options: .init(), expected: .refuseRecreate),
        Case(id: "update rollback failed", status: "UPDATE_ROLLBACK_FAILED", options: .init(), expected: .refuseUpdateRollbackFailed),
        Case(
            id: "update rollback failed, --continue-update-rollback", status: "UPDATE_ROLLBACK_FAILED",
            options: .init(continueUpdateRollback: true), expected: .continueUpdateRollback),
    ]

    @Test(arguments: cases) func decides(_ testCase: Case) {
        #expect(StackAction.decide(testCase.status.map(StackStatus.init(rawValue:)), options: testCase.options) == testCase.expected)
    }
}
