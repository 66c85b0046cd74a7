import AWSRuntime
import ArgumentParser
import DeployEngine
import Foundation
import Testing

@testable import BerthCLI

struct ErrorRenderingTests {
    func serviceError(_ code: String, status: Int = 400) -> AWSServiceError {
        AWSServiceError(
            code: code, message: "message\nsecond line", httpStatus: status, requestId: "req-9", service: "STS", operation: "GetCallerIdentity")
    }

    @Test func awsErrorsKeepCodeAndRequestIdOnOneLineWithAHint() {
        let (summary, hint, status) = ErrorRenderer.describe(serviceError("SignatureDoesNotMatch", status: 403))
        #expect(summary == "STS GetCallerIdentity failed: SignatureDoesNotMatch: message (HTTP 403, request id req-9)")
        #expect(hint?.contains("secret access key") == true)
        #expect(status == .failure)
    }

    @Test(arguments: ["ExpiredToken", "InvalidClientTokenId", "AccessDenied", "Throttling"])
    func knownCodesGetHints(_ code: String) {
        #expect(ErrorRenderer.describe(serviceError(code)).1 != nil)
    }

    @Test func badInputIsExitTwoAndDeployErrorsExitOne() {
        #expect(ErrorRenderer.describe(BadInputError("x")).2 == .badInput)
        #expect(ErrorRenderer.describe(DeployError("x", hint: "y")).2 == .failure)
        #expect(ErrorRenderer.describe(CredentialError("no AWS credentials found", hint: "set AWS_PROFILE")).1 == "set AWS_PROFILE")
        #expect(ErrorRenderer.describe(CancellationError()).2 == .interrupted)
    }

    /// A type the renderer has never heard of prints through the protocol alone.
    struct SomeHintedError: HintedError {
        var message = "the widget is bent"
        var hint: String? = "straighten it"
    }

    @Test func anyHintedErrorPrintsItsMessageAndHintAndExitsOne() {
        let (summary, hint, status) = ErrorRenderer.describe(SomeHintedError())
        #expect(summary == "the widget is bent")
        #expect(hint == "straighten it")
        #expect(status == .failure)
        #expect(ErrorRenderer.describe(SomeHintedError(hint: nil)).1 == nil)
    }

    struct HintedCase: Sendable, CustomTestStringConvertible {
        var name: String
        var error: any HintedError
        var status: BerthCLI.ExitStatus
        var testDescription: String { name }
    }

    /// Berth's own hinted errors, each printed as its message and hint; only bad input leaves with 2.
    static let hintedCases: [HintedCase] = [
        .init(name: "credentials", error: CredentialError("no AWS credentials found", hint: "set AWS_PROFILE"), status: .failure),
        .init(name: "AWS client", error: AWSClientError("AWS_MAX_ATTEMPTS/max_attempts is \"x\"", hint: "use a whole number"), status: .failure),
        .init(name: "deploy", error: DeployError("service web is still being deleted", hint: "wait a minute"), status: .failure),
        .init(name: "bad input", error: BadInputError("nothing was removed"), status: .badInput),
    ]

    @Test(arguments: hintedCases)
    func berthsHintedErrorsPrintTheirMessageAndHint(_ testCase: HintedCase) {
        let (summary, hint, status) = ErrorRenderer.describe(testCase.error)
        #expect(summary == testCase.error.message)
        #expect(summary == testCase.error.description)
        #expect(hint == testCase.error.hint)
        #expect(status == testCase.status)
    }

    @Test func aReportedFailurePrintsNothingAndKeepsItsStatus() {
        let (summary, hint, status) = ErrorRenderer.describe(ReportedFailure(.badInput))
        #expect(summary.isEmpty)
        #expect(hint == nil)
        #expect(status == .badInput)
    }

    @Test func argumentParserUsageErrorsBecomeExitTwo() async {
        #expect(await Berth.main(arguments: ["--no-such-flag"]) == 2)
        #expect(await Berth.main(arguments: ["down", "--delete-data"]) == 2)
    }

    @Test func everyCommandIsListed() {
        let names = Berth.configuration.subcommands.map { $0.configuration.commandName ?? String(describing: $0).lowercased() }
        #expect(Set(names).isSuperset(of: ["doctor", "validate", "config", "template", "plan", "deploy", "down", "status"]))
    }
}
