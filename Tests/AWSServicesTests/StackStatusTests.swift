import AWSServices
import Foundation
import Testing

struct StackStatusTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var status: String
        var inProgress = false
        var complete = false
        var updatable = false
        var failed = false
        var recreate = false
        var testDescription: String { status }
    }

    static let cases: [Case] = [
        Case(status: "CREATE_COMPLETE", complete: true, updatable: true),
        Case(status: "UPDATE_COMPLETE", complete: true, updatable: true),
        Case(status: "IMPORT_COMPLETE", complete: true, updatable: true),
        Case(status: "UPDATE_ROLLBACK_COMPLETE", updatable: true, failed: true),
        Case(status: "CREATE_IN_PROGRESS", inProgress: true),
        Case(status: "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", inProgress: true),
        Case(status: "UPDATE_ROLLBACK_IN_PROGRESS", inProgress: true),
        Case(status: "DELETE_IN_PROGRESS", inProgress: true),
        Case(status: "REVIEW_IN_PROGRESS"),
        Case(status: "ROLLBACK_COMPLETE", failed: true, recreate: true),
        Case(status: "ROLLBACK_FAILED", failed: true, recreate: true),
        Case(status: "CREATE_FAILED", failed: true, recreate: true),
        Case(status: "UPDATE_ROLLBACK_FAILED", failed: true),
        Case(status: "DELETE_FAILED", failed: true),
        Case(status: "DELETE_COMPLETE"),
    ]

    @Test(arguments: cases) func answersTheDeployersQuestions(_ testCase: Case) {
        let status = StackStatus(testCase.status)
        #expect(status.isInProgress == testCase.inProgress)
        #expect(status.isComplete == testCase.complete)
        #expect(status.isUpdatable == testCase.updatable)
        #expect(status.isFailed == testCase.failed)
        #expect(status.requiresRecreate == testCase.recreate)
        #expect(status.isUpdateRollbackFailed == (testCase.status == "UPDATE_ROLLBACK_FAILED"))
        #expect(status.isReviewInProgress == (testCase.status == "REVIEW_IN_PROGRESS"))
    }
}
