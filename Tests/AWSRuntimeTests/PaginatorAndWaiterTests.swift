import AWSRuntime
import BerthTesting
import Foundation
import Testing

struct PaginatorAndWaiterTests {
    @Test func followsTokensUntilNoneIsLeft() async throws {
        let pages = ["a": (["1", "2"], "b"), "b": (["3"], ""), "": (["x"], "a")]
        let paginator = Paginator<[String]> { token in
            let (items, next) = pages[token ?? ""]!
            return (items, next)
        }
        #expect(try await paginator.collect { $0 } == ["x", "1", "2", "3"])
    }

    @Test func waiterPollsWithBackoffUntilDone() async throws {
        let sleeper = RecordingSleeper()
        final class Polls: @unchecked Sendable { var count = 0 }
        let polls = Polls()
        let waiter = Waiter(minDelay: 2, maxDelay: 10, timeout: 600, sleeper: sleeper, random: RandomSource(seed: 3))
        let value = try await waiter.wait(for: "the stack") { () -> Waiter.State<String> in
            polls.count += 1
            return polls.count < 5 ? .retry("CREATE_IN_PROGRESS") : .done("CREATE_COMPLETE")
        }
        #expect(value == "CREATE_COMPLETE")
        #expect(sleeper.delays.count == 4)
        #expect(sleeper.delays.allSatisfy { $0 >= 2 && $0 <= 10 })
    }

    @Test func waiterStopsAtItsDeadline() async throws {
        final class Clock: @unchecked Sendable { var now = Date(timeIntervalSince1970: 0) }
        let clock = Clock()
        struct AdvancingSleeper: Sleeper {
            let clock: Clock
            func sleep(seconds: Double) async throws { clock.now += seconds }
        }
        let waiter = Waiter(minDelay: 5, maxDelay: 5, timeout: 20, sleeper: AdvancingSleeper(clock: clock), now: { clock.now })
        await #expect(throws: Waiter.TimedOut.self) {
            let _: Int = try await waiter.wait(for: "the service") { .retry("1/2 running") }
        }
    }

    @Test func waiterFailureEndsAtOnce() async {
        let waiter = Waiter(sleeper: RecordingSleeper())
        await #expect(throws: AWSClientError.self) {
            let _: Int = try await waiter.wait(for: "x") { .failed(AWSClientError("rolled back")) }
        }
    }
}
