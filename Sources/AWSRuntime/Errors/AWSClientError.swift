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
/// A write that may have happened (a 5xx, a lost answer) and that AWS would not recognise if it
/// came again (see `WriteSafety.reRead`): the client did not repeat it; the caller re-reads.
package struct NotRepeatedError: Error, Sendable, CustomStringConvertible {
    package var last: any Error

    package var description: String {
        "\(last) — it may have taken effect, so it was not sent again; running the command again finds out and finishes"
    }
}

package struct RetriesExhaustedError: Error, Sendable, CustomStringConvertible {
    package var attempts: Int
    package var budgetExhausted: Bool
    package var last: any Error

    package init(attempts: Int, budgetExhausted: Bool, last: any Error) {
        self.attempts = attempts
        self.budgetExhausted = budgetExhausted
        self.last = last
    }

    package var description: String {
        let why = budgetExhausted ? "the retry budget ran out" : "gave up after \(attempts) attempts"
        if let service = last as? AWSServiceError, service.isThrottling {
            return "\(service) — AWS kept throttling the requests; \(why)"
        }
        return "\(last) — \(why)"
    }
}
