import AWSRuntime
import Foundation

/// `berth logs --follow`: polls the log group until cancelled (Ctrl-C), printing each event once.
///
/// Events reach CloudWatch Logs some time after their timestamp, and not in order across
/// streams, so each poll reads again from `lookback` before the newest event seen and drops the
/// ids it has already printed: no repeats, and no gap for a line that arrives up to `lookback`
/// late. Polls back off while nothing new comes (1 s to 10 s, as `aws logs tail --follow`
/// stays well inside FilterLogEvents' request quota) and speed up again when lines flow.
package struct LogFollower: Sendable {
    let reader: LogReader
    let sleeper: any Sleeper
    /// Milliseconds since 1970, now.
    let now: @Sendable () -> Int
    package static let lookback = 60_000
    package static let delays = (shortest: 1.0, longest: 10.0)

    package init(reader: LogReader, sleeper: any Sleeper = TaskSleeper(), now: @escaping @Sendable () -> Int = LogFollower.wallClock) {
        self.reader = reader
        self.sleeper = sleeper
        self.now = now
    }

    package static let wallClock: @Sendable () -> Int = { Int(Date().timeIntervalSince1970 * 1000) }

    /// From `start` (milliseconds) on; returns only by throwing (`CancellationError` on Ctrl-C).
    /// `alreadyPrinted` (id → timestamp) are lines shown before the follow began (`--tail`).
    package func follow(from start: Int, alreadyPrinted: [String: Int] = [:], emit: (LogEvent) throws -> Void) async throws {
        var printed = alreadyPrinted
        var newest = alreadyPrinted.values.max().map { max($0, start) } ?? start
        // Where the window may start: a minute before the newest line, or before the last poll
        // when nothing came (a filter that matches nothing must not rescan the group each time).
        var floor = start
        var delay = Self.delays.shortest
        while true {
            try Task.checkCancellation()
            let polled = now()
            var fresh = 0
            try await reader.read(from: max(floor, newest - Self.lookback), to: nil) { event in
                guard printed[event.id] == nil else { return }
                printed[event.id] = event.timestamp
                newest = max(newest, event.timestamp)
                fresh += 1
                try emit(event)
            }
            // Ids older than the window can never be read again: forget them, so a long follow
            // holds only a minute's worth.
            printed = printed.filter { $0.value >= newest - Self.lookback }
            floor = max(floor, polled - Self.lookback)
            delay = fresh > 0 ? Self.delays.shortest : min(delay * 2, Self.delays.longest)
            try await sleeper.sleep(seconds: delay)
        }
    }
}
