import Foundation

/// Polls until a condition holds, fails, or a deadline passes.
///
/// Delays follow the Smithy waiter specification: each is a random value between `minDelay`
/// and `min(maxDelay, minDelay * 2^(attempt-1))`, never past the deadline.
public struct Waiter: Sendable {
    public enum State<Value: Sendable>: Sendable {
        case done(Value)
        /// Not there yet; the note is shown as progress.
        case retry(String?)
        case failed(any Error & Sendable)
    }

    public var minDelay: Double
    public var maxDelay: Double
    public var timeout: Double
    public var sleeper: any Sleeper
    public var random: RandomSource
    public var now: @Sendable () -> Date

    public init(
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

    public struct TimedOut: Error, Sendable, CustomStringConvertible {
        public var what: String
        public var seconds: Double
        public var lastNote: String?
        public var description: String {
            "gave up waiting for \(what) after \(Int(seconds)) s" + (lastNote.map { " (last seen: \($0))" } ?? "")
        }
    }

    public func wait<Value: Sendable>(for what: String, poll: () async throws -> State<Value>) async throws -> Value {
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
