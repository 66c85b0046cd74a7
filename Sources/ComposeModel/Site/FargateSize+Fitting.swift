/// Choosing a Fargate size for a request, and saying why when none fits.
extension FargateSize {
    package struct SizingProblem: Error, Equatable, Sendable {
        package var message: String
        package var hint: String
        /// Whether the CPU value (rather than memory) is what cannot be satisfied.
        package var blamesCPU: Bool
    }

    /// `cpuUnits` (an exact Fargate CPU value) must be valid and keeps its row, with memory rounded
    /// up within it; otherwise vCPUs and memory are rounded up to the smallest pair holding both.
    package static func fitting(_ request: ResourceRequest) -> Result<FargateSize, SizingProblem> {
        if let units = request.cpuUnits {
            guard let row = validMemory.first(where: { $0.cpu == units }) else {
                return .failure(
                    SizingProblem(
                        message: "\(units) is not a Fargate CPU value",
                        hint: "use one of \(validCPU.map(String.init).joined(separator: ", ")) (1024 = 1 vCPU)", blamesCPU: true))
            }
            let memory = request.memoryMiB ?? row.memory[0]
            guard let fit = row.memory.first(where: { $0 >= memory }) else {
                return .failure(
                    SizingProblem(
                        message: "\(memory) MiB of memory is not possible with \(units) CPU units on Fargate",
                        hint: "with \(units) CPU units use \(describeMemory(forCPU: units) ?? ""), or raise cpu", blamesCPU: false))
            }
            return .success(FargateSize(cpu: units, memory: fit))
        }
        let units = request.cpus.map { Int(saturating: $0 * 1024, rounding: .up) }
        if let size = smallest(fitting: units, memory: request.memoryMiB) { return .success(size) }
        let cpuTooBig = (units ?? 0) > 16384
        let asked = [request.cpus.map { "\($0) vCPU" }, request.memoryMiB.map { "\($0) MiB" }].compactMap { $0 }.joined(separator: " and ")
        return .failure(
            SizingProblem(
                message: "no Fargate size offers \(asked); the largest is 16 vCPU / 120 GiB",
                hint: "valid sizes are \(validPairsSummary)", blamesCPU: cpuTooBig))
    }
}
