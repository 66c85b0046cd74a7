import Foundation
import SigV4

/// `credential_process`: runs a command that prints credentials as JSON (Version 1), the way
/// tools such as aws-vault and 1Password hand credentials to the SDKs.
package struct ProcessCredentialProvider: CredentialProvider {
    package let command: String
    package var source: String { "credential_process of profile \(profile)" }
    let profile: String
    /// As the AWS SDK for Go's process provider: a minute, then the command is killed.
    let timeout: TimeInterval
    /// Credentials JSON is a few hundred bytes; a megabyte means something else is printing.
    static let outputLimit = 1 << 20

    package init(command: String, profile: String, timeout: TimeInterval = 60) {
        self.command = command
        self.profile = profile
        self.timeout = timeout
    }

    struct Output: Decodable {
        let Version: Int
        let AccessKeyId: String
        let SecretAccessKey: String
        let SessionToken: String?
        let Expiration: String?
    }

    package func credentials() async throws -> AWSCredentials {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess(command: command, timeout: timeout, outputLimit: Self.outputLimit).run()
        } catch .couldNotStart(let reason) {
            throw CredentialError("credential_process of profile \(profile) could not start: \(reason)")
        } catch .timedOut {
            throw CredentialError(
                "credential_process of profile \(profile) did not finish in \(Int(timeout)) s and was stopped",
                hint: "run the command by hand to see what it waits for (a login prompt?)")
        } catch .tooMuchOutput {
            throw CredentialError(
                "credential_process of profile \(profile) printed more than \(Self.outputLimit / 1024) KB and was stopped",
                hint: "it must print one Version 1 credentials JSON object")
        }
        guard outcome.status == 0 else {
            throw CredentialError("credential_process of profile \(profile) exited with status \(outcome.status)")
        }
        let data = outcome.output
        guard let output = try? JSONDecoder().decode(Output.self, from: data), output.Version == 1 else {
            throw CredentialError(
                "credential_process of profile \(profile) did not print Version 1 credentials JSON",
                hint: "it must print {\"Version\": 1, \"AccessKeyId\": ..., \"SecretAccessKey\": ...}")
        }
        return AWSCredentials(
            accessKeyId: output.AccessKeyId, secretAccessKey: output.SecretAccessKey, sessionToken: output.SessionToken,
            expiration: output.Expiration.flatMap(AWSDate.parse))
    }
}
