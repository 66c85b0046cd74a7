/// Turns every non-2xx answer into an `AWSServiceError`, whatever the protocol.
struct ErrorDecodingMiddleware: AWSMiddleware {
    func handle(_ request: AWSRequest, context: AWSMiddlewareContext, next: AWSMiddlewareNext) async throws -> AWSResponse {
        let response = try await next(request, context)
        guard (200..<300).contains(response.status) else {
            throw ErrorDecoding.decode(response, service: request.service, operation: request.operation)
        }
        return response
    }
}
