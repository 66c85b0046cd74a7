import Foundation
import Logging

/// The `--verbose` line: service, operation, HTTP status, latency and request id — never
/// credentials, signatures or bodies.
struct RequestLogMiddleware: AWSMiddleware {
    let logger: Logger
    let now: @Sendable () -> Date

    func handle(_ request: AWSRequest, context: AWSMiddlewareContext, next: AWSMiddlewareNext) async throws -> AWSResponse {
        let start = now()
        func line(_ status: String, _ requestId: String?) {
            let ms = Int(now().timeIntervalSince(start) * 1000)
            let retry = context.attempt > 1 ? " attempt=\(context.attempt)" : ""
            logger.debug("\(request.service.name) \(request.operation) \(status) \(ms)ms request-id=\(requestId ?? "-")\(retry)")
        }
        do {
            let response = try await next(request, context)
            line(String(response.status), response.requestId)
            return response
        } catch let error as AWSServiceError {
            line("\(error.httpStatus) \(error.code)", error.requestId)
            throw error
        } catch let error as TransportError {
            line("transport-error(\(error.kind))", nil)
            throw error
        }
    }
}
