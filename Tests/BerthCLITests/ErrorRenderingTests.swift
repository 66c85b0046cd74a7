import AWSRuntime
import ArgumentParser
@testable import BerthCLI
import DeployEngine
import Foundation
import Testing

struct ErrorRenderingTests {
    func serviceError(_ code: String, status: Int = 400) -> AWSServiceError {
        AWSServiceError(code: code, message: "message\nsecond line", httpStatus: status, requestId: "req-9", service: "STS", operation: "GetCallerIdentity")
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

    @Test func argumentParserUsageErrorsBecomeExitTwo() async {
        #expect(await Berth.main(arguments: ["--no-such-flag"]) == 2)
        #expect(await Berth.main(arguments: ["down", "--delete-data"]) == 2)
    }

    @Test func everyCommandIsListed() {
        let names = Berth.configuration.subcommands.map { $0.configuration.commandName ?? String(describing: $0).lowercased() }
        #expect(Set(names).isSuperset(of: ["doctor", "validate", "config", "template", "plan", "deploy", "down", "status"]))
    }
}
