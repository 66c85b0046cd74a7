import Foundation

/// Failures on Berth's side of an AWS call: the request could not be built or the answer not read.
package struct AWSClientError: HintedError {
    package var message: String
    package var hint: String?

    package init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Retries were used up; the last failure is kept as the cause.
package struct RetriesExhaustedError: Error, Sendable, CustomStringConvertible {
    package var attempts: Int
    package var budgetExhausted: Bool
    package var last: any Error

    package var description: String {
        let why = budgetExhausted ? "the retry budget ran out" : "gave up after \(attempts) attempts"
        if let service = last as? AWSServiceError, service.isThrottling {
            return "\(service) — AWS kept throttling the requests; \(why)"
        }
        return "\(last) — \(why)"
    }
}
