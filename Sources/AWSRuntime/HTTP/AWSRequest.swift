import Foundation
import SigV4

/// One AWS operation call on its way through the middleware chain, before signing.
package struct AWSRequest: Sendable {
    package var service: ServiceDescriptor
    package var operation: String
    package var method: String
    /// Percent-encoded path relative to the endpoint, e.g. `/2015-02-01/file-systems`.
    package var path: String
    /// Query parameters, not yet encoded.
    package var query: [(String, String)]
    package var headers: [(name: String, value: String)]
    package var body: Data
    /// Reads and writes that carry a client token: safe to send again after a 5xx or a dropped
    /// connection, because AWS will not do the work twice.
    package var isIdempotent: Bool
    /// Unsigned calls (STS AssumeRoleWithWebIdentity) need no credentials.
    package var isAnonymous: Bool
    /// S3 bucket for virtual-hosted addressing on AWS; path-style is used under an endpoint override.
    package var s3Bucket: String?

    package init(
        service: ServiceDescriptor, operation: String, method: String = "POST", path: String = "/", query: [(String, String)] = [],
        headers: [(name: String, value: String)] = [], body: Data = Data(), isIdempotent: Bool, isAnonymous: Bool = false, s3Bucket: String? = nil
    ) {
        self.service = service
        self.operation = operation
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.isIdempotent = isIdempotent
        self.isAnonymous = isAnonymous
        self.s3Bucket = s3Bucket
    }

    /// The query string as sent: each name and value encoded with SigV4's rules.
    package var encodedQuery: String {
        query.map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
    }
}

/// The answer as the transport gave it, plus the request id AWS sent.
package struct AWSResponse: Sendable {
    package var status: Int
    package var headers: [String: String]
    package var body: Data

    package init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    package var requestId: String? {
        headers["x-amzn-requestid"] ?? headers["x-amz-request-id"] ?? headers["x-amzn-request-id"]
    }
}
