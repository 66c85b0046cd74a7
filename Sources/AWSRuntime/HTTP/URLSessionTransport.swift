import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `HTTPTransport` over Foundation's URLSession (libcurl on Linux).
///
/// Chosen over AsyncHTTPClient for build time on small machines (a clean debug build in under
/// 2 minutes instead of 4.5). libcurl honours `HTTPS_PROXY`, `https_proxy`, `http_proxy` and
/// `NO_PROXY` by itself, as the AWS CLI does.
package final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let configuration: URLSessionConfiguration

    /// - Parameter requestTimeout: the longest a request may stay silent; each request may ask
    ///   for less (`HTTPRequest.timeout`), as AWSClient does so a dropped connection fails fast.
    package init(requestTimeout: TimeInterval = 60) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = requestTimeout
        configuration.timeoutIntervalForResource = requestTimeout * 5
        configuration.httpMaximumConnectionsPerHost = 16
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        self.configuration = configuration
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = request.timeout
        for (name, value) in request.headers where name.lowercased() != "host" {
            urlRequest.addValue(value, forHTTPHeaderField: name)
        }
        if !request.body.isEmpty || ["POST", "PUT"].contains(request.method) {
            urlRequest.httpBody = request.body
            // A request with a body never goes over a kept-alive connection. When AWS has closed
            // or reset one that libcurl then reuses, libcurl resends the request on a fresh
            // connection by itself, but FoundationNetworking cannot rewind an `httpBody`: the
            // headers go out without the body, the server waits for it, and the call spins a
            // core until the timeout (20 s by default). On a connection of its own, a reset
            // is `networkConnectionLost` at once, which the retry policy handles.
            // `Connection: close` alone is not enough: libcurl does not read its own request
            // header and may pool the connection the server is closing, so such a request also
            // gets a session of its own, whose pool it never shares.
            urlRequest.setValue("close", forHTTPHeaderField: "Connection")
        }
        do {
            let (data, response) = try await exchange(urlRequest, alone: urlRequest.httpBody != nil)
            guard let http = response as? HTTPURLResponse else {
                throw TransportError(kind: .other, message: "not an HTTP response", url: request.url.absoluteString)
            }
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields {
                if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
            }
            return HTTPResponse(status: http.statusCode, headers: headers, body: data)
        } catch let error as URLError {
            throw Self.transportError(error, url: request.url.absoluteString)
        }
    }

    /// The completion-handler API in a continuation, on purpose without a cancellation handler:
    /// on Linux, cancelling the Swift task of `URLSession.data(for:)` while its answer arrives
    /// can deadlock FoundationNetworking (the cancel waits on the queue that resumes the task).
    /// A request outlives its cancelled task by at most its timeout.
    private func exchange(_ request: URLRequest, alone: Bool) async throws -> (Data, URLResponse) {
        let session = alone ? URLSession(configuration: configuration) : self.session
        defer { if alone { session.finishTasksAndInvalidate() } }
        return try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }.resume()
        }
    }

    static func transportError(_ error: URLError, url: String) -> TransportError {
        let kind: TransportError.Kind
        switch error.code {
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
            kind = .connectionRefused
        case .networkConnectionLost, .badServerResponse, .zeroByteResource, .cannotParseResponse:
            kind = .connectionLost
        case .timedOut:
            kind = .timedOut
        default:
            kind = .other
        }
        return TransportError(kind: kind, message: error.localizedDescription, url: url)
    }
}
