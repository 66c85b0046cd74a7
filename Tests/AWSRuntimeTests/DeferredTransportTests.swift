import AWSRuntime
import BerthTesting
import Foundation
import Testing

/// The URLSession a command may never use is made on the first request, and only once.
struct DeferredTransportTests {
    final class Count: @unchecked Sendable {
        let lock = NSLock()
        var value = 0
        func add() { lock.withLock { value += 1 } }
    }

    @Test func theTransportIsMadeOnTheFirstRequestAndOnce() async throws {
        let made = Count()
        let deferred = DeferredTransport {
            made.add()
            return FakeTransport { _, _ in HTTPResponse(status: 200) }
        }
        #expect(made.value == 0)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try await deferred.send(HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:1/")!)).status }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(made.value == 1)
    }
}
