import ComposeModel
import Foundation
import Testing

/// Files written to hurt: validate answers with located errors, in bounded time and memory, and
/// nothing traps.
@Suite struct HostileInputTests {
    @Test func anAliasBombIsRefusedNotExpanded() {
        var yaml = "x-0: &l0 [\(Array(repeating: "\"lol\"", count: 9).joined(separator: ", "))]\n"
        for level in 1...8 {
            yaml += "x-\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", "))]\n"
        }
        yaml += "services:\n  web:\n    image: nginx\n    command: *l8\n"
        let result = TestSupport.load(yaml)
        #expect(result.errors.contains { $0.message.contains("expands to more than 1000000 values") }, "\(result.errorSummaries)")
        #expect(result.errors.allSatisfy { $0.location != nil })
    }

    @Test func hugeNumbersAreErrorsNotTraps() {
        let result = TestSupport.load(
            """
            services:
              web:
                image: nginx
                cpus: 1e19
                stop_grace_period: 99999999999999999999s
                healthcheck:
                  test: ["CMD", "true"]
                  interval: 99999999999999999999s
                  retries: 99999999999999999999
              api:
                image: nginx
                deploy:
                  replicas: 99999999999999999999
                  resources: {limits: {cpus: "1e300", memory: 99999999999999999999G}}
              worker:
                image: nginx
                x-berth: {cpus: 1e19, memory: 1e30}
            """)
        #expect(!result.errors.isEmpty)
        #expect(result.errors.allSatisfy { $0.location != nil }, "\(result.errorSummaries)")
        #expect(result.errors.contains { $0.path == "services.web.cpus" })
        #expect(result.errors.contains { $0.path == "services.api.deploy.replicas" })
    }
}
