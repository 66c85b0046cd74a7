import ComposeModel
import Foundation
import Testing

@testable import DeployEngine

struct RightsizingTests {
    @Test func percentilesAreNearestRankAndTheMaximumIsTheHighestPeak() throws {
        let averages = (1...100).map(Double.init)
        let use = try #require(UsageStatistics(averages: averages.shuffled(), maxima: [20, 130]))
        #expect(use.p50 == 50 && use.p95 == 95 && use.max == 130 && use.samples == 100)
        #expect(UsageStatistics(averages: [], maxima: [5]) == nil)
    }

    /// 1 vCPU at a 95th percentile of 20 % needs 0.29 vCPU → 0.5 vCPU; 2 GiB peaking at 30 %
    /// needs 768 MiB → 1 GiB: the cheapest Fargate size with both.
    @Test func anOversizedTaskShrinksToTheCheapestSizeWithHeadroom() {
        let size = FargateSize(cpu: 1024, memory: 2048)
        let need = Rightsizing.need(
            size: size, cpu: UsageStatistics(p50: 10, p95: 20, max: 60, samples: 10), memory: UsageStatistics(p50: 25, p95: 28, max: 30, samples: 10))
        #expect(need.cpu == 293 && need.memory == 768)
        #expect(Rightsizing.recommend(size: size, need: need) == FargateSize(cpu: 512, memory: 1024))
    }

    @Test func aTaskAtItsLimitGrowsAndNothingBiggerThanFargateKeepsItsSize() {
        let size = FargateSize(cpu: 256, memory: 512)
        let busy = Rightsizing.need(
            size: size, cpu: UsageStatistics(p50: 80, p95: 98, max: 100, samples: 10), memory: UsageStatistics(p50: 70, p95: 85, max: 95, samples: 10)
        )
        #expect(Rightsizing.recommend(size: size, need: busy) == FargateSize(cpu: 512, memory: 1024))
        let huge = FargateSize(cpu: 16384, memory: 122_880)
        #expect(Rightsizing.recommend(size: huge, need: (cpu: 30000, memory: 200_000)) == huge)
    }

    /// Two quiet single-copy workers fit one 0.25 vCPU / 1 GiB task instead of two of 0.25 vCPU
    /// / 512 MiB; a public service or one with other copies is never paired.
    @Test func quietTasksWithTheSameCopiesAreOfferedOneTask() {
        let small = FargateSize(cpu: 256, memory: 512)
        func candidate(_ name: String, replicas: Int = 1, shareable: Bool = true) -> Rightsizing.Candidate {
            .init(name: name, need: (cpu: 60, memory: 300), recommended: small, replicas: replicas, arm: false, shareable: shareable)
        }
        let offers = Rightsizing.sharing([candidate("mailer"), candidate("cron"), candidate("web", shareable: false), candidate("api", replicas: 3)])
        #expect(offers.map(\.services) == [["mailer", "cron"]])
        #expect(offers.first?.size == "0.25 vCPU / 1 GiB")
        let saving = MonthlyCost.fargate(small, arm: false) * 2 - MonthlyCost.fargate(FargateSize(cpu: 256, memory: 1024), arm: false)
        #expect(abs((offers.first?.monthlySaving ?? 0) - saving) < 0.001)
    }

    /// About 1,440 points at most, at a resolution CloudWatch still keeps for data that old.
    @Test func periodsFollowCloudWatchsRetention() {
        #expect(SiteProfile.period(for: 3600) == 60)
        #expect(SiteProfile.period(for: 14 * 86_400) == 900)
        #expect(SiteProfile.period(for: 30 * 86_400) == 3600)
        #expect(SiteProfile.period(for: 90 * 86_400) == 21_600)
    }

    @Test func theChartDrawsEachTasksUseAgainstItsSize() {
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        let task = SiteProfile.TaskProfile(
            name: "cms<1>", services: ["cms"], replicas: 1, size: "1 vCPU / 2 GiB", cpu: UsageStatistics(p50: 10, p95: 20, max: 60, samples: 2),
            memory: UsageStatistics(p50: 25, p95: 28, max: 30, samples: 2), recommended: "0.5 vCPU / 1 GiB", monthlyChange: -20,
            series: [.init(time: start, cpu: 10, memory: 25), .init(time: start.addingTimeInterval(3600), cpu: 20, memory: 30)])
        let svg = ProfileChart.svg(SiteProfile(start: start, end: start.addingTimeInterval(3600), period: 60, tasks: [task], sharing: []))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("cms&lt;1&gt; (1 vCPU / 2 GiB): CPU p95 20%, memory max 30% → 0.5 vCPU / 1 GiB"))
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.contains("points=\"48.0,148.0 708.0,136.0\""), "CPU from 10 % to 20 % across the plot")
    }
}
