import AWSRuntime
import Foundation
import Logging
import SigV4

/// A transport that answers from a closure and records every request, for unit tests that
/// check request shapes and retry behaviour without a network.
package final class FakeTransport: HTTPTransport, @unchecked Sendable {
    package typealias Handler = @Sendable (HTTPRequest, Int) throws -> HTTPResponse
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    private let handler: Handler

    /// - Parameter handler: gets the request and its 0-based index among all requests sent.
    package init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    package var requests: [HTTPRequest] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let index = lock.withLock {
            recorded.append(request)
            return recorded.count - 1
        }
        return try handler(request, index)
    }

    package static func xml(_ status: Int, _ body: String, headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers.merging(["content-type": "text/xml"]) { a, _ in a }, body: Data(body.utf8))
    }

    package static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers.merging(["content-type": "application/json"]) { a, _ in a }, body: Data(body.utf8))
    }
}

/// A sleeper that returns at once and remembers how long it was asked to wait.
package final class RecordingSleeper: Sleeper, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Double] = []

    package init() {}

    package var delays: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    package func sleep(seconds: Double) async throws {
        lock.withLock { recorded.append(seconds) }
    }
}

extension AWSClient {
    /// A client for tests: fixed credentials, a fake or local endpoint, no real waiting.
    package static func forTesting(
        transport: any HTTPTransport, endpoint: String = "http://127.0.0.1:1", region: String = "us-east-1",
        accessKey: String = "testing", secret: String = "testing", retryPolicy: RetryPolicy = .noRetry,
        retryBudget: RetryBudget = RetryBudget(), sleeper: any Sleeper = RecordingSleeper(), seed: UInt64 = 1, logger: Logger? = nil,
        timeout: TimeInterval = 60
    ) -> AWSClient {
        let environment = ["AWS_ENDPOINT_URL": endpoint]
        return AWSClient(
            region: region,
            credentials: StaticCredentialProvider(.init(accessKeyId: accessKey, secretAccessKey: secret), source: "test"),
            transport: transport, endpoints: EndpointResolver(environment: environment, profile: ProfileSettings(name: "default")),
            retryPolicy: retryPolicy, retryBudget: retryBudget, random: RandomSource(seed: seed), sleeper: sleeper, logger: logger, timeout: timeout)
    }
}
