import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

/// `berth profile`: each task's CPU and memory use over a period against its Fargate size, the
/// size its use calls for and what that changes a month, and which tasks could share one.
package struct SiteProfile: Sendable, Encodable {
    package var start: Date
    package var end: Date
    /// Seconds each data point covers.
    package var period: Int
    package var tasks: [TaskProfile]
    package var sharing: [Rightsizing.Sharing]
    package var prices: String = MonthlyCost.pricesAsOf

    /// What the recommended sizes change a month, all tasks together.
    package var monthlyChange: Double { tasks.compactMap(\.monthlyChange).reduce(0, +) }

    enum CodingKeys: String, CodingKey { case start, end, period, tasks, sharing, prices, monthlyChange }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(period, forKey: .period)
        try container.encode(tasks, forKey: .tasks)
        try container.encode(sharing, forKey: .sharing)
        try container.encode(prices, forKey: .prices)
        try container.encode((monthlyChange * 100).rounded() / 100, forKey: .monthlyChange)
    }

    package struct TaskProfile: Sendable, Encodable {
        package var name: String
        package var services: [String]
        package var replicas: Int
        package var size: String
        package var cpu: UsageStatistics?
        package var memory: UsageStatistics?
        /// Nil without data.
        package var recommended: String?
        /// Of `replicas` tasks at the recommended size, against the current one.
        package var monthlyChange: Double?
        /// The period averages over time, oldest first, for the chart.
        package var series: [Point]

        package struct Point: Sendable, Encodable {
            package var time: Date
            package var cpu: Double?
            package var memory: Double?
        }

        enum CodingKeys: String, CodingKey { case name, services, replicas, size, cpu, memory, recommended, monthlyChange }
    }

    /// The data point length for a period: about 1,440 points at most, and what CloudWatch keeps
    /// for data that old (1-minute points for 15 days, 5-minute for 63, hourly after).
    package static func period(for seconds: TimeInterval) -> Int {
        let allowed =
            seconds > 63 * 86_400
            ? [3_600, 21_600, 86_400] : seconds > 15 * 86_400 ? [300, 900, 3_600, 21_600, 86_400] : [60, 300, 900, 3_600, 21_600, 86_400]
        return allowed.first { seconds / Double($0) <= 1_440 } ?? 86_400
    }

    /// Reads the ECS service metrics of each task of `site` (one GetMetricData for up to 125
    /// tasks) and sizes them.
    package static func read(
        site: Site, names: Names, cluster: String, client: AWSClient, since seconds: TimeInterval, now: Date = Date()
    ) async throws -> SiteProfile {
        let period = Self.period(for: seconds)
        let start = now.addingTimeInterval(-seconds)
        var queries: [CloudWatchClient.MetricQuery] = []
        for (index, task) in site.tasks.enumerated() {
            let dimensions = [(name: "ClusterName", value: cluster), (name: "ServiceName", value: task.name)]
            for (metric, key) in [("CPUUtilization", "c"), ("MemoryUtilization", "m")] {
                for (statistic, suffix) in [("Average", "a"), ("Maximum", "x")] {
                    queries.append(
                        .init(
                            id: "\(key)\(suffix)\(index)", namespace: "AWS/ECS", metric: metric, dimensions: dimensions, statistic: statistic,
                            period: period))
                }
            }
        }
        let results = try await CloudWatchClient(client).getMetricData(queries, start: start, end: now)
        let byId = Dictionary(results.map { ($0.Id, $0) }, uniquingKeysWith: { a, _ in a })
        func values(_ id: String) -> [Double] { byId[id]?.Values ?? [] }
        var profiles: [TaskProfile] = []
        var candidates: [Rightsizing.Candidate] = []
        for (index, task) in site.tasks.enumerated() {
            guard let size = task.fargateSize else { continue }
            let arm = task.cpuArchitecture == "ARM64"
            let cpu = UsageStatistics(averages: values("ca\(index)"), maxima: values("cx\(index)"))
            let memory = UsageStatistics(averages: values("ma\(index)"), maxima: values("mx\(index)"))
            var profile = TaskProfile(
                name: task.name, services: task.memberNames, replicas: task.replicas, size: size.description, cpu: cpu, memory: memory,
                series: Self.series(byId["ca\(index)"], byId["ma\(index)"]))
            if let cpu, let memory {
                let need = Rightsizing.need(size: size, cpu: cpu, memory: memory)
                let recommended = Rightsizing.recommend(size: size, need: need)
                profile.recommended = recommended.description
                profile.monthlyChange =
                    MonthlyCost.fargate(recommended, arm: arm, count: task.replicas) - MonthlyCost.fargate(size, arm: arm, count: task.replicas)
                candidates.append(
                    .init(
                        name: task.name, need: need, recommended: recommended, replicas: task.replicas, arm: arm,
                        shareable: task.members.count == 1 && !task.members[0].isPublic))
            }
            profiles.append(profile)
        }
        return SiteProfile(start: start, end: now, period: period, tasks: profiles, sharing: Rightsizing.sharing(candidates))
    }

    /// The CPU and memory averages side by side, oldest first.
    static func series(_ cpu: CloudWatchClient.MetricResult?, _ memory: CloudWatchClient.MetricResult?) -> [TaskProfile.Point] {
        var points: [Date: TaskProfile.Point] = [:]
        for (time, value) in zip(cpu?.Timestamps ?? [], cpu?.Values ?? []) { points[time, default: .init(time: time)].cpu = value }
        for (time, value) in zip(memory?.Timestamps ?? [], memory?.Values ?? []) { points[time, default: .init(time: time)].memory = value }
        return points.values.sorted { $0.time < $1.time }
    }
}

extension SiteProfile.TaskProfile.Point {
    init(time: Date) {
        self.init(time: time, cpu: nil, memory: nil)
    }
}
