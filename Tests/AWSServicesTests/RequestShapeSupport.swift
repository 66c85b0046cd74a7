import AWSRuntime
import BerthJSON
import BerthTesting
import Foundation
import SigV4
import Testing

/// Helpers for the service clients' request-shape tests.
enum Shape {
    /// The request body parsed as JSON, so expectations do not depend on key order or escaping.
    static func body(_ request: HTTPRequest) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: request.body)
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static func form(_ request: HTTPRequest) -> String {
        String(decoding: request.body, as: UTF8.self)
    }

    /// A transport answering every request with the same JSON body.
    static func answering(_ body: String, status: Int = 200) -> FakeTransport {
        FakeTransport { _, _ in FakeTransport.json(status, body) }
    }
}

extension HTTPRequest {
    var target: String? { header("X-Amz-Target") }

    /// The credential scope's service, as the gate reads it.
    var signingService: String? {
        guard let authorization = header("Authorization"), let range = authorization.range(of: "Credential=") else { return nil }
        let scope = authorization[range.upperBound...].prefix { $0 != "," }.split(separator: "/")
        return scope.count >= 4 ? String(scope[3]) : nil
    }

    var signingRegion: String? {
        guard let authorization = header("Authorization"), let range = authorization.range(of: "Credential=") else { return nil }
        let scope = authorization[range.upperBound...].prefix { $0 != "," }.split(separator: "/")
        return scope.count >= 3 ? String(scope[2]) : nil
    }
}
