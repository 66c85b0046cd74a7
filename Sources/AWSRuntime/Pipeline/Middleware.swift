import Foundation

/// One cross-cutting concern of a request (signing, retries, the request log, error decoding),
/// each in its own type, composed in `AWSClient`.
public protocol AWSMiddleware: Sendable {
    func handle(_ request: AWSRequest, context: AWSMiddlewareContext, next: AWSMiddlewareNext) async throws -> AWSResponse
}

public typealias AWSMiddlewareNext = @Sendable (AWSRequest, AWSMiddlewareContext) async throws -> AWSResponse

/// Per-call facts that middleware share.
public struct AWSMiddlewareContext: Sendable {
    public var endpoint: URL
    public var signingRegion: String
    public var usesPathStyle: Bool
    /// 1 for the first try.
    public var attempt: Int = 1
}
