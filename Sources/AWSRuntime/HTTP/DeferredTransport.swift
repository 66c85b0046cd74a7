import Foundation

/// A transport made on its first request. Making a URLSession costs a command that never calls
/// AWS (`template`, `validate`, `config`) about 2 ms of its start: Foundation sets up its cookie
/// storage, reading the disk, even for an ephemeral session that uses none.
package final class DeferredTransport: HTTPTransport, @unchecked Sendable {
    private let make: @Sendable () -> any HTTPTransport
    /// Guarded by `lock`.
    private var made: (any HTTPTransport)?
    private let lock = NSLock()

    package init(_ make: @escaping @Sendable () -> any HTTPTransport) {
        self.make = make
    }

    /// The transport, made now when no request has needed it yet.
    package var transport: any HTTPTransport {
        lock.withLock {
            if let made { return made }
            let fresh = make()
            made = fresh
            return fresh
        }
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await transport.send(request)
    }
}
