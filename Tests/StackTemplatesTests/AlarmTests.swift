import ComposeModel
import Testing

@testable import StackTemplates

/// What the stack watches: per task CPU, memory and missing tasks, per published HTTP port server
/// errors and unhealthy targets, per volume the file system's I/O limit; thresholds from
/// `x-berth.alarms`, per service and per environment; `alarms: off`.
struct AlarmTests {
    static let compose = """
        name: shop
        services:
          web:
            image: nginx
            ports: ["80:80"]
            x-berth: {alarms: {cpu: 70, http_5xx: off}}
          worker:
            image: busybox
            volumes: [data:/data]
            x-berth: {alarms: off}
        volumes:
          data: {}
        x-berth:
          alarms: {email: ops@example.com, memory: 80, minutes: 10}
          environments:
            dev: {alarms: off}
            prod: {alarms: {cpu: 95}}
        """

    static func stack(_ environment: String) throws -> InfraStack {
        InfraStack(
            InfraStackInput(
                site: try Fixtures.load(directory: "/p", environment: environment, inMemory: ["/p/compose.yaml": compose]),
                environmentName: environment))
    }

    @Test func thresholdsComeFromTheServiceTheEnvironmentAndTheSiteInThatOrder() throws {
        let stack = try Self.stack("prod")
        let template = stack.template()
        let alarms = template.resources.filter { $0.type == "AWS::CloudWatch::Alarm" }
        #expect(
            alarms.map(\.logicalId) == [
                "WebCpuAlarm", "WebMemoryAlarm", "WebTasksMissingAlarm", "WorkerTasksMissingAlarm", "TargetGroupWeb80UnhealthyAlarm",
                "FileSystemDataIOLimitAlarm",
            ])
        let cpu = try #require(template.resource("WebCpuAlarm"))
        #expect(cpu.properties["Threshold"] == .int(70), "the service's own cpu wins over the environment's 95")
        #expect(cpu.properties["Period"] == .int(300) && cpu.properties["EvaluationPeriods"] == .int(2), "10 minutes as two 5-minute periods")
        #expect(template.resource("WebMemoryAlarm")?.properties["Threshold"] == .int(80), "the site's memory")
        #expect(template.resource("TargetGroupWeb80ServerErrorsAlarm") == nil, "http_5xx: off")
        #expect(alarms.allSatisfy { $0.properties["OKActions"] == [.ref("AlarmTopic")] })
        let missing = try #require(template.resource("WebTasksMissingAlarm"))
        #expect(missing.properties["MetricName"] == nil && missing.properties["EvaluationPeriods"] == .int(10))
        #expect(stack.declaredAlarms.count == alarms.count)
        #expect(stack.declaredAlarms.last?.subject == .volume("data"))
    }

    @Test func alarmsOffLeavesTheTopicAndNoAlarm() throws {
        let stack = try Self.stack("dev")
        let template = stack.template()
        #expect(!template.resources.contains { $0.type == "AWS::CloudWatch::Alarm" })
        #expect(template.resource("AlarmTopic") != nil)
        #expect(stack.declaredAlarms.isEmpty)
    }

    @Test func theExampleSiteHasTwelveAlarms() throws {
        let stack = InfraStack(InfraStackInput(site: try Fixtures.exampleSite("prod"), environmentName: "prod"))
        #expect(stack.declaredAlarms.count == 12)
    }

    @Test func servicesSharingATaskGetTheirStrictestThresholds() {
        let limits = AlarmLimits.strictest([
            AlarmLimits(cpu: .value(90), memory: .off, http5xx: nil, minutes: 20), AlarmLimits(cpu: .value(60), memory: .off, minutes: 5),
        ])
        #expect(limits == AlarmLimits(cpu: .value(60), memory: .off, http5xx: nil, minutes: 5))
    }
}
