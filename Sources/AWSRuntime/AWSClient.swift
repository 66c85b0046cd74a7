import Foundation
import Logging
import SigV4

/// Sends AWS operations: resolves the endpoint, then runs the middleware chain
/// retry → request log → error decoding → signing → transport.
package final class AWSClient: Sendable {
    /// Seconds a request may stay silent before it counts as a timeout (and is retried if it
    /// is safe to). API calls answer within seconds; a dropped connection that goes quiet
    /// should not hold a deploy for a minute per retry.
    package static let defaultTimeout: TimeInterval = 20

    package let region: String
    package let credentials: (any CredentialProvider)?
    package let endpoints: EndpointResolver
    let transport: any HTTPTransport
    let chain: [any AWSMiddleware]
    let now: @Sendable () -> Date

    package init(
        region: String, credentials: (any CredentialProvider)?, transport: any HTTPTransport, endpoints: EndpointResolver,
        retryPolicy: RetryPolicy = RetryPolicy(), retryBudget: RetryBudget = RetryBudget(), random: RandomSource = RandomSource(),
        sleeper: any Sleeper = TaskSleeper(), logger: Logger? = nil, timeout: TimeInterval = AWSClient.defaultTimeout,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.region = region
        self.credentials = credentials
        self.endpoints = endpoints
        self.transport = transport
        self.now = now
        var chain: [any AWSMiddleware] = [RetryMiddleware(policy: retryPolicy, budget: retryBudget, random: random, sleeper: sleeper)]
        if let logger { chain.append(RequestLogMiddleware(logger: logger, now: now)) }
        chain.append(ErrorDecodingMiddleware())
        chain.append(SigningMiddleware(credentials: credentials, transport: transport, now: now, timeout: timeout))
        self.chain = chain
    }

    /// Sends one request through the chain and returns the 2xx answer; anything else throws.
    package func send(_ request: AWSRequest) async throws -> AWSResponse {
        let endpoint = try endpoints.resolve(request.service, region: region)
        let context = AWSMiddlewareContext(
            endpoint: endpoint.url, signingRegion: request.service.globalRegion ?? region, usesPathStyle: endpoint.isOverride)
        return try await run(request, context: context, index: 0)
    }

    private func run(_ request: AWSRequest, context: AWSMiddlewareContext, index: Int) async throws -> AWSResponse {
        let middleware = chain[index]
        let isLast = index == chain.count - 1
        return try await middleware.handle(request, context: context) { [self] request, context in
            guard !isLast else { throw AWSClientError("the middleware chain has no transport at its end; this is a bug in Berth") }
            return try await run(request, context: context, index: index + 1)
        }
    }
}
