import Foundation

/// What the signer needs of an HTTP request, in wire form: the path and query exactly as they
/// will be sent (already percent-encoded), and the headers in order, repeats allowed.
package struct SignableRequest: Sendable, Equatable {
    package var method: String
    /// The percent-encoded path as sent, e.g. `/2015-02-01/file-systems`.
    package var path: String
    /// The raw query string as sent, without the leading `?`; empty when there is none.
    package var query: String
    package var headers: [(name: String, value: String)]
    package var body: Data

    package init(method: String, path: String, query: String = "", headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    package mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name, value))
    }

    package static func == (lhs: SignableRequest, rhs: SignableRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.query == rhs.query && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
    }
}
