import ComposeModel

/// Sizes from use: enough CPU that the 95th percentile runs at 70 % of it (room for spikes and
/// deploys), and enough memory that the highest use stays under 80 % (a task that runs out of
/// memory is killed, so peaks count, not percentiles). Never below Fargate's smallest size.
package enum Rightsizing {
    package static let cpuTarget = 0.70
    package static let memoryTarget = 0.80

    /// What the task needs, in CPU units and MiB, at the targets.
    package static func need(size: FargateSize, cpu: UsageStatistics, memory: UsageStatistics) -> (cpu: Int, memory: Int) {
        (
            Int((Double(size.cpu) * cpu.p95 / 100 / cpuTarget).rounded(.up)),
            Int((Double(size.memory) * memory.max / 100 / memoryTarget).rounded(.up))
        )
    }

    /// The cheapest size that meets `need`; the current size when none is big enough.
    package static func recommend(size: FargateSize, need: (cpu: Int, memory: Int)) -> FargateSize {
        FargateSize.smallest(fitting: need.cpu, memory: need.memory) ?? size
    }

    /// A task that two tasks could become, and what that saves a month.
    package struct Sharing: Sendable, Equatable, Encodable {
        package var services: [String]
        package var size: String
        package var monthlySaving: Double
    }

    package struct Candidate: Sendable {
        package var name: String
        package var need: (cpu: Int, memory: Int)
        package var recommended: FargateSize
        package var replicas: Int
        package var arm: Bool
        /// Only single-service tasks without a load balancer target are offered for sharing: a
        /// task's copies scale together, and grouping is `x-berth.task` on plain services.
        package var shareable: Bool

        package init(name: String, need: (cpu: Int, memory: Int), recommended: FargateSize, replicas: Int, arm: Bool, shareable: Bool) {
            self.name = name
            self.need = need
            self.recommended = recommended
            self.replicas = replicas
            self.arm = arm
            self.shareable = shareable
        }
    }

    /// Pairs of tasks with the same copies and architecture whose needs fit one size cheaper than
    /// their two recommended sizes: the largest saving first, each task in one pair at most.
    package static func sharing(_ candidates: [Candidate]) -> [Sharing] {
        var options: [(Sharing, Set<String>)] = []
        let shareable = candidates.filter(\.shareable)
        for (index, a) in shareable.enumerated() {
            for b in shareable[(index + 1)...] where a.replicas == b.replicas && a.arm == b.arm {
                guard let together = FargateSize.smallest(fitting: a.need.cpu + b.need.cpu, memory: a.need.memory + b.need.memory) else { continue }
                let apart =
                    MonthlyCost.fargate(a.recommended, arm: a.arm, count: a.replicas)
                    + MonthlyCost.fargate(b.recommended, arm: b.arm, count: b.replicas)
                let saving = apart - MonthlyCost.fargate(together, arm: a.arm, count: a.replicas)
                guard saving >= 0.01 else { continue }
                options.append((Sharing(services: [a.name, b.name], size: together.description, monthlySaving: saving), [a.name, b.name]))
            }
        }
        var used = Set<String>()
        var chosen: [Sharing] = []
        for (sharing, names) in options.sorted(by: { $0.0.monthlySaving > $1.0.monthlySaving }) where used.isDisjoint(with: names) {
            chosen.append(sharing)
            used.formUnion(names)
        }
        return chosen
    }
}
