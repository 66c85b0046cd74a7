import Foundation
import SigV4

/// `credential_process`: runs a command that prints credentials as JSON (Version 1), the way
/// tools such as aws-vault and 1Password hand credentials to the SDKs.
package struct ProcessCredentialProvider: CredentialProvider {
    package let command: String
    package var source: String { "credential_process of profile \(profile)" }
    let profile: String

    package init(command: String, profile: String) {
        self.command = command
        self.profile = profile
    }

    struct Output: Decodable {
        let Version: Int
        let AccessKeyId: String
        let SecretAccessKey: String
        let SessionToken: String?
        let Expiration: String?
    }

    package func credentials() async throws -> AWSCredentials {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw CredentialError("credential_process of profile \(profile) could not start: \(error)")
        }
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CredentialError("credential_process of profile \(profile) exited with status \(process.terminationStatus)")
        }
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
