import Foundation

/// When to try a call again, and after how long: the AWS SDKs' "standard" retry mode.
///
/// Pure: the caller supplies the random draw, so tests and the gate's `--seed` runs repeat.
/// Backoff is "full jitter" from the AWS Architecture Blog post *Exponential Backoff and
/// Jitter*: `random(0, 1) * min(maxBackoff, base * 2^(attempt-1))`.
package struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included. Berth's default is higher than the SDKs' 3: a deploy
    /// makes hundreds of calls, and one throttled call must not fail it. `AWS_MAX_ATTEMPTS` or
    /// the profile's `max_attempts` set it.
    package var maxAttempts: Int
    package var baseDelay: Double
    /// Throttling waits longer from the start, as the Java SDK's standard mode does.
    package var throttlingBaseDelay: Double
    package var maxBackoff: Double

    /// 12: at a third of calls throttled and a tenth failing (a bad minute in a busy account),
    /// 8 attempts still let about one deploy in eight fail on one of its ~85 calls; 12 make that
    /// rare. Deploy tools retry long for the same reason (Terraform's AWS provider: 25).
    package static let defaultMaxAttempts = 12

    package init(
        maxAttempts: Int = RetryPolicy.defaultMaxAttempts, baseDelay: Double = 0.1, throttlingBaseDelay: Double = 0.5, maxBackoff: Double = 20
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.throttlingBaseDelay = throttlingBaseDelay
        self.maxBackoff = maxBackoff
    }

    package static let noRetry = RetryPolicy(maxAttempts: 1)

    package enum Decision: Sendable, Equatable {
        case retry(after: Double, cost: Int)
        case stop
    }

    /// The retry-budget cost of a kind of failure: timeouts cost more, as in the SDKs.
    package static let retryCost = 5
    package static let timeoutRetryCost = 10

    /// - Parameters:
    ///   - attempt: the attempt that just failed, 1 for the first.
    ///   - idempotent: whether the call may be repeated after it possibly took effect.
    ///   - random: a draw from [0, 1).
    package func decide(error: any Error, attempt: Int, idempotent: Bool, random: Double) -> Decision {
        guard attempt < maxAttempts else { return .stop }
        let base: Double
        var cost = Self.retryCost
        switch Self.classify(error) {
        case .throttling:
            // A throttled request was refused before it did anything: always safe to repeat.
            base = throttlingBaseDelay
        case .transient(let mayHaveRun, let timeout):
            if mayHaveRun && !idempotent { return .stop }
            base = baseDelay
            if timeout { cost = Self.timeoutRetryCost }
        case .permanent:
            return .stop
        }
        let ceiling = min(maxBackoff, base * pow(2, Double(attempt - 1)))
        return .retry(after: random * ceiling, cost: cost)
    }

    /// Whether a write that failed this way may be worth a re-read and another try: AWS was
    /// busy, failed inside, or the answer was lost (the write may have happened).
    package static func isTransient(_ error: any Error) -> Bool {
        classify(error) != .permanent
    }

    enum Failure: Equatable {
        case throttling
        case transient(mayHaveRun: Bool, timeout: Bool)
        case permanent
    }

    static func classify(_ error: any Error) -> Failure {
        // Retries that ran out of attempts failed as their last attempt did; a budget that ran
        // out says AWS is unwell, which a caller's own retry should not add to.
        if let exhausted = error as? RetriesExhaustedError { return exhausted.budgetExhausted ? .permanent : classify(exhausted.last) }
        if let unrepeated = error as? NotRepeatedError { return classify(unrepeated.last) }
        if let service = error as? AWSServiceError {
            if service.isThrottling { return .throttling }
            if service.isTransient { return .transient(mayHaveRun: true, timeout: false) }
            return .permanent
        }
        if let transport = error as? TransportError {
            switch transport.kind {
            case .connectionRefused: return .transient(mayHaveRun: false, timeout: false)
            case .connectionLost: return .transient(mayHaveRun: true, timeout: false)
            case .timedOut: return .transient(mayHaveRun: true, timeout: true)
            case .other: return .permanent
            }
        }
        return .permanent
    }
}
