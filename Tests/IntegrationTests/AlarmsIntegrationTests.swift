import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// `berth alarms` against the local AWS: the stack's alarms exist in CloudWatch under the names
    /// the stack gave them, and one put in ALARM shows with its reason and exit 1.
    @Suite struct Alarms {
        @Test func theStacksAlarmsAreListedAndOneFiringFailsTheCommand() async throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let project = try TestProject(
                "berth-alarms",
                compose: """
                    name: alarm\(suffix)
                    services:
                      web:
                        image: "nginx:1.27-alpine"
                        ports: ["80:80"]
                        volumes: [data:/data]
                    volumes:
                      data: {}
                    x-berth:
                      alarms: {cpu: 70}
                    """, aws: aws)
            let berth = project.berth
            defer { project.tearDown() }
            let deploy = try berth(["deploy"])
            #expect(deploy.status == 0, "\(deploy.stderr)")

            let listed = try berth(["alarms", "--output", "json"])
            #expect(listed.status == 0, "\(listed.stderr)")
            let alarms = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            #expect(alarms.count == 6, "cpu, memory, missing tasks, 5xx, unhealthy targets, I/O limit: \(alarms)")
            #expect(alarms.contains { ($0["description"] as? String)?.hasPrefix("web: CPUUtilization above 70%") == true })
            #expect(alarms.contains { $0["watches"] as? String == "volume data" })

            let cpu = try #require(alarms.first { ($0["description"] as? String)?.contains("CPUUtilization") == true }?["name"] as? String)
            let _: EmptyOutput = try await aws.awsClient().query(
                CloudWatchClient.descriptor, operation: "SetAlarmState",
                parameters: [("AlarmName", cpu), ("StateValue", "ALARM"), ("StateReason", "Threshold Crossed: 3 datapoints above 70")],
                idempotent: true)
            let firing = try berth(["alarms"])
            #expect(firing.status == 1, "\(firing.stdout)\(firing.stderr)")
            #expect(firing.stdout.contains("ALARM") && firing.stdout.contains("Threshold Crossed: 3 datapoints above 70"), "\(firing.stdout)")
            try aws.client.expectNoRejections()
        }
    }
}
