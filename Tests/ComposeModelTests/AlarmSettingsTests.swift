import ComposeModel
import Testing

/// `x-berth.alarms`: who hears, the thresholds, `off`, and what an environment changes.
struct AlarmSettingsTests {
    @Test func anEnvironmentsThresholdsWinOneByOneAndItKeepsTheSitesAddresses() throws {
        let result = TestSupport.load(
            """
            services:
              web: {image: nginx, x-berth: {alarms: {cpu: 60}}}
            x-berth:
              alarms: {email: [ops@example.com], cpu: 80, http_5xx: 20}
              environments:
                prod: {alarms: {memory: 70, http_5xx: off}}
                dev: {alarms: off}
            """)
        #expect(result.errors.isEmpty, "\(result.errorSummaries)")
        let site = try #require(result.site)
        let prod = try site.resolved(environmentName: "prod")
        #expect(prod.berth.alarms?.email == ["ops@example.com"])
        #expect(prod.berth.alarms?.limits == AlarmLimits(cpu: .value(80), memory: .value(70), http5xx: .off))
        #expect(prod.services.first?.berth.alarms == AlarmLimits(cpu: .value(60)))
        #expect(try site.resolved(environmentName: "dev").berth.alarms?.enabled == false)
    }

    @Test func badThresholdsAreErrorsAtTheirPlace() {
        let result = TestSupport.load(
            """
            services:
              web: {image: nginx, x-berth: {alarms: {cpu: 150, disk: 3}}}
            x-berth:
              alarms: {email: nobody, minutes: 0}
            """)
        #expect(
            result.errorSummaries.contains { $0.hasPrefix("2:47") && $0.contains("cpu: 150 is above the maximum of 100") }, "\(result.errorSummaries)"
        )
        #expect(result.errorSummaries.contains { $0.contains("disk") }, "\(result.errorSummaries)")
        #expect(result.errorSummaries.contains { $0.contains("\"nobody\" is not an e-mail address") })
        #expect(result.errorSummaries.contains { $0.contains("minutes") })
    }
}
