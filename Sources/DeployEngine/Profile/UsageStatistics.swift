/// What a task used of its size over a period, in percent (CloudWatch's `CPUUtilization` and
/// `MemoryUtilization` of the ECS service): the median and 95th percentile of the period
/// averages, and the highest single maximum.
package struct UsageStatistics: Sendable, Equatable, Encodable {
    package var p50: Double
    package var p95: Double
    package var max: Double
    /// How many periods had data.
    package var samples: Int

    package init(p50: Double, p95: Double, max: Double, samples: Int) {
        self.p50 = p50
        self.p95 = p95
        self.max = max
        self.samples = samples
    }

    /// From the period averages and maxima; nil without data.
    package init?(averages: [Double], maxima: [Double]) {
        guard !averages.isEmpty else { return nil }
        let sorted = averages.sorted()
        self.init(
            p50: Self.percentile(50, of: sorted), p95: Self.percentile(95, of: sorted), max: (maxima + averages).max() ?? 0, samples: averages.count)
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ rank: Double, of sorted: [Double]) -> Double {
        let index = Int((rank / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, index))]
    }
}
