import Foundation
import SigV4

/// Builds the wire request, signs it with fresh credentials and a fresh date on every attempt,
/// and hands it to the transport.
struct SigningMiddleware: AWSMiddleware {
    let credentials: (any CredentialProvider)?
    let transport: any HTTPTransport
    let now: @Sendable () -> Date
    let timeout: TimeInterval

    func handle(_ request: AWSRequest, context: AWSMiddlewareContext, next: AWSMiddlewareNext) async throws -> AWSResponse {
        let (url, host, path) = Self.target(request, context: context)
        var signable = SignableRequest(method: request.method, path: path, query: request.encodedQuery, headers: request.headers, body: request.body)
        signable.setHeader("Host", host)
        if !request.isAnonymous {
            guard let credentials else { throw AWSClientError("no credentials to sign \(request.service.name) \(request.operation)") }
            let resolved = try await credentials.credentials()
            let signer = SigV4Signer(credentials: resolved, service: request.service.signingName, region: context.signingRegion)
            signable = signer.sign(signable, date: now())
        }
        let http = HTTPRequest(method: request.method, url: url, headers: signable.headers, body: request.body, timeout: timeout)
        let response: HTTPResponse
        do {
            response = try await transport.send(http)
        } catch var error as TransportError {
            error.operation = "\(request.service.name) \(request.operation)"
            throw error
        }
        return AWSResponse(status: response.status, headers: response.headers, body: response.body)
    }

    /// URL, Host header and wire path; S3 buckets go in the host on AWS, in the path under an override.
    static func target(_ request: AWSRequest, context: AWSMiddlewareContext) -> (URL, String, String) {
        var components = URLComponents(url: context.endpoint, resolvingAgainstBaseURL: false)!
        let basePath = components.percentEncodedPath.hasSuffix("/") ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        var path = request.path
        if let bucket = request.s3Bucket {
            if context.usesPathStyle {
                path = "/\(URIEncoding.encode(bucket))" + (request.path == "/" ? "" : request.path)
            } else {
                components.host = "\(bucket).\(components.host ?? "")"
            }
        }
        path = basePath + path
        if path.isEmpty { path = "/" }
        components.percentEncodedPath = path
        let query = request.encodedQuery
        components.percentEncodedQuery = query.isEmpty ? nil : query
        var host = components.host ?? ""
        if let port = components.port { host += ":\(port)" }
        return (components.url!, host, path)
    }
}
