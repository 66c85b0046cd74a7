import Foundation

/// Failures on Berth's side of an AWS call: the request could not be built or the answer not read.
public struct AWSClientError: HintedError {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Retries were used up; the last failure is kept as the cause.
public struct RetriesExhaustedError: Error, Sendable, CustomStringConvertible {
    public var attempts: Int
    public var budgetExhausted: Bool
    public var last: any Error

    public var description: String {
        let why = budgetExhausted ? "the retry budget ran out" : "gave up after \(attempts) attempts"
        if let service = last as? AWSServiceError, service.isThrottling {
            return "\(service) — AWS kept throttling the requests; \(why)"
        }
        return "\(last) — \(why)"
    }
}
