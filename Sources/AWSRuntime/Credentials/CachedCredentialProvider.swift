import Foundation
import SigV4

/// Keeps temporary credentials until shortly before they expire, with one refresh in flight at a
/// time however many requests ask at once.
package actor CachedCredentialProvider: CredentialProvider {
    package nonisolated let source: String
    private let base: any CredentialProvider
    private let now: @Sendable () -> Date
    /// Refresh this long before expiry, as the SDKs do, so a request never carries dying keys.
    private let refreshMargin: TimeInterval
    private var cached: AWSCredentials?
    private var inFlight: Task<AWSCredentials, any Error>?

    package init(_ base: any CredentialProvider, refreshMargin: TimeInterval = 300, now: @escaping @Sendable () -> Date = Date.init) {
        self.base = base
        self.source = base.source
        self.refreshMargin = refreshMargin
        self.now = now
    }

    package func credentials() async throws -> AWSCredentials {
        if let cached, isFresh(cached) { return cached }
        if let inFlight { return try await inFlight.value }
        let base = self.base
        let task = Task { try await base.credentials() }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh
    }

    private func isFresh(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        return expiration.timeIntervalSince(now()) > refreshMargin
    }
}
