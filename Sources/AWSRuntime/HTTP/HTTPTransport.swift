import Foundation

/// The one thing Berth needs of an HTTP client. Everything AWS-specific sits above it, so tests
/// swap in a fake and the real client can change without touching the runtime.
package protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

package struct HTTPRequest: Sendable {
    package var method: String
    package var url: URL
    package var headers: [(name: String, value: String)]
    package var body: Data
    /// Seconds until the whole exchange is abandoned.
    package var timeout: TimeInterval

    package init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: Data = Data(), timeout: TimeInterval = 60) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

package struct HTTPResponse: Sendable {
    package var status: Int
    /// Header names lower-cased.
    package var headers: [String: String]
    package var body: Data

    package init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }
}

/// A failure below HTTP: nothing, or not all, came back.
package struct TransportError: Error, Sendable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// Nothing was sent: the request can be retried whatever it does.
        case connectionRefused
        /// The connection broke or timed out after the request may have reached the server.
        case connectionLost
        case timedOut
        case other
    }
    package var kind: Kind
    package var message: String
    package var url: String
    /// The AWS call it was (`ECS RegisterTaskDefinition`), set by the client; nil for other requests.
    package var operation: String?

    package init(kind: Kind, message: String, url: String, operation: String? = nil) {
        self.kind = kind
        self.message = message
        self.url = url
        self.operation = operation
    }

    package var description: String {
        let what: String =
            switch kind {
            case .connectionRefused: "could not connect to \(url): \(message)"
            case .connectionLost: "the connection to \(url) was lost: \(message)"
            case .timedOut: "the request to \(url) timed out"
            case .other: "the request to \(url) failed: \(message)"
            }
        return operation.map { "\($0) failed: \(what)" } ?? what
    }
}
