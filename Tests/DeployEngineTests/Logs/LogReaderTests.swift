import AWSRuntime
import AWSServices
import BerthTesting
import DeployEngine
import Foundation
import Testing

/// `berth logs`' reading: services' listings merged in time order, page by page; the follow
/// loop's overlap without repeats; the times `--since` takes.
struct LogReaderTests {
    typealias Raw = CloudWatchLogsClient.FilteredLogEvent

    static func raw(_ stream: String, _ time: Int, _ message: String) -> Raw {
        Raw(logStreamName: stream, timestamp: time, message: message, ingestionTime: time, eventId: "\(stream)#\(time)")
    }

    /// Listings from fixed pages per prefix (`nil`: the whole group), recording what was asked.
    final class Listings: @unchecked Sendable {
        let pages: [String?: [[Raw]]]
        private let lock = NSLock()
        private(set) var asked: [(prefix: String?, start: Int?)] = []

        init(_ pages: [String?: [[Raw]]]) { self.pages = pages }

        func listing(_ prefix: String?, _ start: Int?, _ end: Int?) -> Paginator<[Raw]> {
            lock.withLock { asked.append((prefix, start)) }
            let pages = (self.pages[prefix] ?? [[]]).map { page in
                page.filter { ($0.timestamp ?? 0) >= (start ?? .min) && ($0.timestamp ?? 0) <= (end ?? .max) }
            }
            return Paginator { token in
                let index = Int(token ?? "0") ?? 0
                return (pages[index], index + 1 < pages.count ? String(index + 1) : nil)
            }
        }
    }

    func read(_ reader: LogReader, from start: Int? = nil, to end: Int? = nil) async throws -> [LogEvent] {
        var events: [LogEvent] = []
        try await reader.read(from: start, to: end) { events.append($0) }
        return events
    }

    @Test func twoServicesMergeInTimeOrderAcrossPagesEmptyOnesIncluded() async throws {
        let listings = Listings([
            "web/": [[Self.raw("web/web/t1", 10, "GET /"), Self.raw("web/web/t1", 40, "GET /a")], [], [Self.raw("web/web/t2", 70, "GET /b")]],
            "cms/": [[Self.raw("cms/cms/t9", 20, "booted")], [Self.raw("cms/cms/t9", 40, "ready"), Self.raw("cms/cms/t9", 90, "saved")]],
        ])
        let reader = LogReader(services: ["web", "cms"], wholeSite: false, listing: listings.listing)
        let events = try await read(reader)
        #expect(events.map(\.message) == ["GET /", "booted", "GET /a", "ready", "GET /b", "saved"])
        #expect(events.map(\.service) == ["web", "cms", "web", "cms", "web", "cms"])
        #expect(events.first?.task == "t1")
        #expect(listings.asked.map(\.prefix) == ["web/", "cms/"], "one listing per service, by its prefix with the slash")
    }

    @Test func theWholeSiteIsOneListingAndAServiceIsFoundByItsStreamsFirstComponent() async throws {
        let listings = Listings([
            nil: [[Self.raw("web/web/t1", 1, "a"), Self.raw("web-admin/web-admin/t3", 2, "b"), Self.raw("stray/x/y", 3, "c")]]
        ])
        let reader = LogReader(services: ["web", "web-admin"], wholeSite: true, listing: listings.listing)
        let events = try await read(reader)
        #expect(events.map(\.service) == ["web", "web-admin"], "a stream of no service of the site is left out")
        #expect(listings.asked.count == 1)
    }

    @Test func aTaskIsChosenByItsIdOrItsStart() async throws {
        let listings = Listings([nil: [[Self.raw("web/web/abc123", 1, "one"), Self.raw("web/web/def456", 2, "two")]]])
        let reader = LogReader(services: ["web"], wholeSite: true, task: "def", listing: listings.listing)
        #expect(try await read(reader).map(\.message) == ["two"])
    }

    @Test func followPrintsEachLineOnceAcrossOverlappingPollsAndBacksOff() async throws {
        // Each poll re-reads the minute before the newest line; a late line (timestamp 50,
        // arriving after 100 was printed) is still printed, once.
        final class Growing: @unchecked Sendable {
            let lock = NSLock()
            var polls = 0
            func listing(_ prefix: String?, _ start: Int?, _ end: Int?) -> Paginator<[Raw]> {
                let poll = lock.withLock {
                    polls += 1
                    return polls
                }
                var events = [LogReaderTests.raw("web/web/t", 10, "first")]
                if poll >= 2 { events.append(LogReaderTests.raw("web/web/t", 100, "second")) }
                if poll >= 3 { events.insert(LogReaderTests.raw("web/web/t", 50, "late"), at: 1) }
                let page = events.filter { $0.timestamp! >= (start ?? 0) }
                return Paginator { _ in (page, nil) }
            }
        }
        let growing = Growing()
        let sleeper = RecordingSleeper()
        let follower = LogFollower(
            reader: LogReader(services: ["web"], wholeSite: true, listing: growing.listing), sleeper: sleeper, now: { 1_000 })
        let printed = Recorded<String>()
        let task = Task {
            try await follower.follow(from: 0) { event in
                printed.append(event.message)
                if printed.all.count == 3 { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(printed.all == ["first", "second", "late"])
        #expect(sleeper.delays == [1, 1, 1], "a poll that printed something polls again after the shortest wait")
        #expect(growing.polls == 3)
    }

    @Test func aQuietFollowBacksOffToTheLongestWait() async throws {
        let sleeper = CancellingSleeper(after: 6)
        let starts = Recorded<Int>()
        let reader = LogReader(services: ["web"], wholeSite: true) { _, start, _ in
            starts.append(start ?? -1)
            return Paginator { _ in ([], nil) }
        }
        // The clock moves 100 s per poll: with nothing printed, each poll still starts a minute
        // before the previous one, never again from the beginning (review of issue 13's logs).
        let clock = Recorded<Int>()
        let follower = LogFollower(
            reader: reader, sleeper: sleeper,
            now: {
                clock.append(1)
                return 100_000 * clock.all.count
            })
        await #expect(throws: CancellationError.self) { try await follower.follow(from: 0) { _ in } }
        #expect(sleeper.delays.all == [2, 4, 8, 10, 10, 10])
        #expect(Array(starts.all.prefix(3)) == [0, 40_000, 140_000])
    }

    /// Records each wait and cancels the follow after `after` of them.
    final class CancellingSleeper: Sleeper, @unchecked Sendable {
        let after: Int
        let delays = Recorded<Double>()
        init(after: Int) { self.after = after }
        func sleep(seconds: Double) async throws {
            delays.append(seconds)
            if delays.all.count >= after { throw CancellationError() }
        }
    }

    @Test func sinceTakesDurationsAndISOTimes() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(LogTime.parse("10m", now: now) == 1_800_000_000_000 - 600_000)
        #expect(LogTime.parse("1h30m", now: now) == 1_800_000_000_000 - 5_400_000)
        #expect(LogTime.parse("2026-12-04T09:30:00Z") == 1_796_376_600_000)
        #expect(LogTime.parse("2026-12-04T10:30:00+01:00") == 1_796_376_600_000)
        #expect(LogTime.parse("2026-12-04") == 1_796_342_400_000)
        #expect(LogTime.parse("2026-12-04T09:30:00") == 1_796_376_600_000, "without a zone: UTC")
        #expect(LogTime.parse("2026-12-04T09:30") == 1_796_376_600_000)
        #expect(LogTime.parse("2026-12-04T09:30:00.500Z") == 1_796_376_600_500)
        #expect(LogTime.parse("yesterday") == nil && LogTime.parse("10") == nil && LogTime.parse("m") == nil)
    }

    @Test func aRingKeepsTheLastN() {
        var ring = RingBuffer<Int>(capacity: 3)
        for value in 1...7 { ring.append(value) }
        #expect(ring.elements == [5, 6, 7])
        var empty = RingBuffer<Int>(capacity: 0)
        empty.append(1)
        #expect(empty.elements.isEmpty)
    }
}
