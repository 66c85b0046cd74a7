import Foundation
import SigV4

/// A source of AWS credentials. `source` says where they came from, for `berth doctor`.
package protocol CredentialProvider: Sendable {
    var source: String { get }
    func credentials() async throws -> AWSCredentials
}

/// Credentials could not be had; `hint` says what to do about it.
package struct CredentialError: HintedError {
    package var message: String
    package var hint: String?

    package init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Fixed keys: from the environment or a profile.
package struct StaticCredentialProvider: CredentialProvider {
    package let value: AWSCredentials
    package let source: String

    package init(_ value: AWSCredentials, source: String) {
        self.value = value
        self.source = source
    }

    package func credentials() async throws -> AWSCredentials { value }
}
