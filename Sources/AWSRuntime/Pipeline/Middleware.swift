import Foundation

/// One cross-cutting concern of a request (signing, retries, the request log, error decoding),
/// each in its own type, composed in `AWSClient`.
package protocol AWSMiddleware: Sendable {
    func handle(_ request: AWSRequest, context: AWSMiddlewareContext, next: AWSMiddlewareNext) async throws -> AWSResponse
}

package typealias AWSMiddlewareNext = @Sendable (AWSRequest, AWSMiddlewareContext) async throws -> AWSResponse

/// Per-call facts that middleware share.
package struct AWSMiddlewareContext: Sendable {
    package var endpoint: URL
    package var signingRegion: String
    package var usesPathStyle: Bool
    /// 1 for the first try.
    package var attempt: Int = 1
}
