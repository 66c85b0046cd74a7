import Foundation
import SigV4

/// A source of AWS credentials. `source` says where they came from, for `berth doctor`.
public protocol CredentialProvider: Sendable {
    var source: String { get }
    func credentials() async throws -> AWSCredentials
}

/// Credentials could not be had; `hint` says what to do about it.
public struct CredentialError: HintedError {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Fixed keys: from the environment or a profile.
public struct StaticCredentialProvider: CredentialProvider {
    public let value: AWSCredentials
    public let source: String

    public init(_ value: AWSCredentials, source: String) {
        self.value = value
        self.source = source
    }

    public func credentials() async throws -> AWSCredentials { value }
}
