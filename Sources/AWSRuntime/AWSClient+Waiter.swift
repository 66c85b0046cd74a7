import Foundation

/// Polls until a condition holds, fails, or a deadline passes.
///
/// Delays follow the Smithy waiter specification: each is a random value between `minDelay`
/// and `min(maxDelay, minDelay * 2^(attempt-1))`, never past the deadline.
package struct Waiter: Sendable {
    package enum State<Value: Sendable>: Sendable {
        case done(Value)
        /// Not there yet; the note is shown as progress.
        case retry(String?)
        case failed(any Error & Sendable)
    }

    package var minDelay: Double
    package var maxDelay: Double
    package var timeout: Double
    package var sleeper: any Sleeper
    package var random: RandomSource
    package var now: @Sendable () -> Date

    package init(
        minDelay: Double = 2, maxDelay: Double = 30, timeout: Double = 1800, sleeper: any Sleeper = TaskSleeper(),
        random: RandomSource = RandomSource(), now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.minDelay = minDelay
        self.maxDelay = maxDelay
        self.timeout = timeout
        self.sleeper = sleeper
        self.random = random
        self.now = now
    }

    /// For work AWS does over minutes: a stack operation, a service's rollout. AWS's own
    /// waiters poll these every 30 s (CloudFormation) and 15 s (ECS), which can leave a deploy
    /// waiting that long after the work is done; Berth polls from 2 s up to every 5 s, so it
    /// sees the end within a few seconds (a deploy stays within 10% of its critical path) at
    /// one or two reads per 5 s, far inside the APIs' request rates.
    package static func operations(timeout: Double = 1800) -> Waiter {
        Waiter(minDelay: 2, maxDelay: 5, timeout: timeout)
    }

    package struct TimedOut: Error, Sendable, CustomStringConvertible {
        package var what: String
        package var seconds: Double
        package var lastNote: String?
        package var description: String {
            "gave up waiting for \(what) after \(Int(seconds)) s" + (lastNote.map { " (last seen: \($0))" } ?? "")
        }
    }

    package func wait<Value: Sendable>(for what: String, poll: () async throws -> State<Value>) async throws -> Value {
        let start = now()
        var attempt = 1
        var lastNote: String?
        while true {
            switch try await poll() {
            case .done(let value): return value
            case .failed(let error): throw error
            case .retry(let note): lastNote = note ?? lastNote
            }
            let elapsed = now().timeIntervalSince(start)
            let remaining = timeout - elapsed
            guard remaining > 0 else { throw TimedOut(what: what, seconds: elapsed, lastNote: lastNote) }
            let ceiling = max(minDelay, min(maxDelay, minDelay * pow(2, Double(attempt - 1))))
            let delay = min(remaining, minDelay + random.unit() * (ceiling - minDelay))
            try await sleeper.sleep(seconds: delay)
            attempt += 1
        }
    }
}
