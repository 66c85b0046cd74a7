import Foundation

/// Random draws for backoff jitter; seedable so a test run repeats exactly.
package final class RandomSource: @unchecked Sendable {
    private var generator: SplitMix64
    private let lock = NSLock()

    package init(seed: UInt64 = UInt64.random(in: 0...UInt64.max)) {
        generator = SplitMix64(seed: seed)
    }

    /// A value in [0, 1).
    package func unit() -> Double {
        lock.lock()
        defer { lock.unlock() }
        return Double(generator.next() >> 11) / Double(1 << 53)
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and good enough for jitter.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Waits; a test passes one that returns at once and records the delays.
package protocol Sleeper: Sendable {
    func sleep(seconds: Double) async throws
}

package struct TaskSleeper: Sleeper {
    package init() {}
    package func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}
