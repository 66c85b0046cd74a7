import ComposeModel
import Testing

/// Fargate sizing: the smallest valid CPU/memory pair that holds the request.
@Suite struct FargateSizeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var request: ResourceRequest
        var expected: FargateSize?
        var testDescription: String {
            let cpus = request.cpus.map { "\($0)" } ?? "-"
            let units = request.cpuUnits.map { "\($0)" } ?? "-"
            let memory = request.memoryMiB.map { "\($0)" } ?? "-"
            return "cpus \(cpus) cpu \(units) mem \(memory)"
        }
    }

    static let cases: [Case] = [
        Case(request: ResourceRequest(), expected: FargateSize(cpu: 256, memory: 512)),
        Case(request: ResourceRequest(cpus: 0.25), expected: FargateSize(cpu: 256, memory: 512)),
        Case(request: ResourceRequest(cpus: 0.3), expected: FargateSize(cpu: 512, memory: 1024)),
        Case(request: ResourceRequest(memoryMiB: 600), expected: FargateSize(cpu: 256, memory: 1024)),
        Case(request: ResourceRequest(memoryMiB: 3000), expected: FargateSize(cpu: 512, memory: 3072)),
        Case(request: ResourceRequest(cpus: 1, memoryMiB: 1024), expected: FargateSize(cpu: 1024, memory: 2048)),
        Case(request: ResourceRequest(cpus: 2, memoryMiB: 20000), expected: FargateSize(cpu: 4096, memory: 20480)),
        Case(request: ResourceRequest(memoryMiB: 40000), expected: FargateSize(cpu: 8192, memory: 40960)),
        Case(request: ResourceRequest(cpus: 16, memoryMiB: 122880), expected: FargateSize(cpu: 16384, memory: 122880)),
        Case(request: ResourceRequest(cpus: 16.5), expected: nil),
        Case(request: ResourceRequest(memoryMiB: 130000), expected: nil),
        Case(request: ResourceRequest(cpuUnits: 1024, memoryMiB: 3000), expected: FargateSize(cpu: 1024, memory: 3072)),
        Case(request: ResourceRequest(cpuUnits: 4096), expected: FargateSize(cpu: 4096, memory: 8192)),
        Case(request: ResourceRequest(cpuUnits: 256, memoryMiB: 4096), expected: nil),
        Case(request: ResourceRequest(cpuUnits: 300), expected: nil),
    ]

    @Test(arguments: cases)
    func picksSmallestFit(_ testCase: Case) {
        switch FargateSize.fitting(testCase.request) {
        case .success(let size): #expect(size == testCase.expected)
        case .failure: #expect(testCase.expected == nil)
        }
    }

    @Test func tableMatchesTheDocumentedPairs() {
        #expect(FargateSize.all.count == 3 + 4 + 7 + 13 + 23 + 12 + 12)
        #expect(FargateSize.all.allSatisfy { $0.isValid })
        #expect(FargateSize.all.first == FargateSize.smallest)
        #expect(FargateSize.all.last == FargateSize(cpu: 16384, memory: 122880))
        #expect(!FargateSize(cpu: 256, memory: 4096).isValid)
    }

    @Test func errorNamesTheValidPairs() {
        guard case .failure(let problem) = FargateSize.fitting(ResourceRequest(cpuUnits: 256, memoryMiB: 4096)) else {
            Issue.record("expected a failure")
            return
        }
        #expect(problem.hint.contains("512, 1024, 2048 MiB"))
        guard case .failure(let tooBig) = FargateSize.fitting(ResourceRequest(memoryMiB: 200_000)) else {
            Issue.record("expected a failure")
            return
        }
        #expect(tooBig.hint.contains("16384 CPU: 32768-122880 MiB in steps of 8192"))
    }

    @Test func descriptionReadsNaturally() {
        #expect(FargateSize(cpu: 256, memory: 512).description == "0.25 vCPU / 0.5 GiB")
        #expect(FargateSize(cpu: 1024, memory: 2048).description == "1 vCPU / 2 GiB")
    }

    @Test func sizesFromCompose() throws {
        let result = TestSupport.load(
            """
            services:
              api:
                image: x
                deploy:
                  resources:
                    limits: { cpus: "0.5", memory: 1536M }
              worker:
                image: x
                cpus: 2
                mem_limit: 1g
              legacy:
                image: x
                deploy:
                  resources:
                    reservations: { memory: 3G }
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let site = try #require(result.site)
        #expect(site.service(named: "api")?.fargateSize == FargateSize(cpu: 512, memory: 2048))
        #expect(site.service(named: "worker")?.fargateSize == FargateSize(cpu: 2048, memory: 4096))
        #expect(site.service(named: "legacy")?.fargateSize == FargateSize(cpu: 512, memory: 3072))
    }
}
