/// A Fargate task size: CPU units (1024 = 1 vCPU) and memory in MiB.
///
/// Fargate accepts only certain pairs (AWS, "Task CPU and memory", ECS developer guide); the table
/// below is that list, from 0.25 vCPU/512 MiB to 16 vCPU/120 GiB.
package struct FargateSize: Sendable, Codable, Equatable, Hashable, Comparable, CustomStringConvertible {
    package var cpu: Int
    package var memory: Int

    package init(cpu: Int, memory: Int) {
        self.cpu = cpu
        self.memory = memory
    }

    package static let smallest = FargateSize(cpu: 256, memory: 512)

    /// Valid memory values (MiB) for each CPU value.
    package static let validMemory: [(cpu: Int, memory: [Int])] = [
        (256, [512, 1024, 2048]),
        (512, Array(stride(from: 1024, through: 4096, by: 1024))),
        (1024, Array(stride(from: 2048, through: 8192, by: 1024))),
        (2048, Array(stride(from: 4096, through: 16384, by: 1024))),
        (4096, Array(stride(from: 8192, through: 30720, by: 1024))),
        (8192, Array(stride(from: 16384, through: 61440, by: 4096))),
        (16384, Array(stride(from: 32768, through: 122880, by: 8192))),
    ]

    package static let validCPU: [Int] = validMemory.map(\.cpu)

    /// Every valid pair, smallest first.
    package static let all: [FargateSize] = validMemory.flatMap { row in row.memory.map { FargateSize(cpu: row.cpu, memory: $0) } }

    package var isValid: Bool {
        Self.validMemory.contains { $0.cpu == cpu && $0.memory.contains(memory) }
    }

    /// The smallest valid pair with at least `cpu` units and `memory` MiB: the cheapest size,
    /// since Fargate bills vCPU far above memory, ordered by CPU first. Nil when nothing is big
    /// enough.
    package static func smallest(fitting cpu: Int?, memory: Int?) -> FargateSize? {
        all.first { $0.cpu >= (cpu ?? 0) && $0.memory >= (memory ?? 0) }
    }

    /// The memory values Fargate allows with `cpu`, for error messages: "512, 1024 or 2048 MiB".
    package static func describeMemory(forCPU cpu: Int) -> String? {
        guard let row = validMemory.first(where: { $0.cpu == cpu }) else { return nil }
        if row.memory.count <= 3 { return row.memory.map(String.init).joined(separator: ", ") + " MiB" }
        let step = row.memory[1] - row.memory[0]
        return "\(row.memory[0])-\(row.memory[row.memory.count - 1]) MiB in steps of \(step)"
    }

    /// All CPU values with their memory ranges, one line, for "nothing fits" errors.
    package static var validPairsSummary: String {
        validMemory.map { "\($0.cpu) CPU: \(describeMemory(forCPU: $0.cpu) ?? "")" }.joined(separator: "; ")
    }

    package var vCPU: Double { Double(cpu) / 1024 }

    package var description: String {
        let vcpu = vCPU == vCPU.rounded() ? String(Int(vCPU)) : String(vCPU)
        let gib = Double(memory) / 1024
        let mem = gib == gib.rounded() ? "\(Int(gib)) GiB" : (memory % 512 == 0 ? "\(gib) GiB" : "\(memory) MiB")
        return "\(vcpu) vCPU / \(mem)"
    }

    package static func < (lhs: FargateSize, rhs: FargateSize) -> Bool {
        (lhs.cpu, lhs.memory) < (rhs.cpu, rhs.memory)
    }
}
