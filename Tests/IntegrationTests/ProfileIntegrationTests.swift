import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// `berth profile` against synthetic ECS metrics in the local AWS's CloudWatch: what ECS would
    /// publish for a site that is too big for its work, and two quiet workers.
    @Suite struct Profile {
        static let compose = """
            name: NAME
            services:
              web:
                image: "nginx:1.27-alpine"
                ports: ["80:80"]
                x-berth: {cpu: 1024, memory: 2G}
              mailer: {image: "node:22-alpine"}
              cron: {image: "node:22-alpine"}
            """

        /// ECS publishes `AWS/ECS` metrics itself; PutMetricData in an `AWS/` namespace is refused
        /// by AWS, so the metrics go to moto directly, past the gate, standing in for ECS.
        static func publish(_ aws: LocalAWS, cluster: String, values: [String: (cpu: Double, memory: Double)], now: Date) async throws {
            let moto = AWSClient.forTesting(transport: URLSessionTransport(requestTimeout: 30), endpoint: aws.motoURL)
            var data: [(String, String)] = []
            var index = 0
            for minute in 1...180 {
                let time = now.addingTimeInterval(Double(-minute * 60))
                for (service, use) in values.sorted(by: { $0.key < $1.key }) {
                    // One spike, an hour ago, in the web service's CPU.
                    let cpu = service == "web" && minute == 60 ? 60 : use.cpu
                    for (metric, value) in [("CPUUtilization", cpu), ("MemoryUtilization", use.memory)] {
                        index += 1
                        let key = "MetricData.member.\(index)"
                        data += [
                            ("\(key).MetricName", metric), ("\(key).Value", String(value)), ("\(key).Unit", "Percent"),
                            ("\(key).Timestamp", AWSDate.iso8601(time)),
                            ("\(key).Dimensions.member.1.Name", "ClusterName"), ("\(key).Dimensions.member.1.Value", cluster),
                            ("\(key).Dimensions.member.2.Name", "ServiceName"), ("\(key).Dimensions.member.2.Value", service),
                        ]
                    }
                }
                if index >= 480 || minute == 180 {
                    let _: EmptyOutput = try await moto.query(
                        CloudWatchClient.descriptor, operation: "PutMetricData", parameters: [("Namespace", "AWS/ECS")] + data, idempotent: true)
                    data = []
                    index = 0
                }
            }
        }

        @Test func anOversizedTaskIsShrunkAndTwoQuietOnesShareATask() async throws {
            let aws = try LocalAWS.require()
            let project = "prof" + UUID().uuidString.prefix(8).lowercased()
            let folder = try projectFolder("berth-profile", compose: Self.compose.replacingOccurrences(of: "NAME", with: project))
            try await Self.publish(
                aws, cluster: "\(project)-default", values: ["web": (20, 30), "mailer": (5, 20), "cron": (4, 15)], now: Date())
            let environment = aws.berthEnvironment()
            let result = try BerthBinary.run(["profile", "--since", "6h", "--output", "json"], environment: environment, directory: folder)
            #expect(result.status == 0, "\(result.stderr)")
            let profile = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let tasks = try #require(profile["tasks"] as? [[String: Any]])
            let web = try #require(tasks.first { $0["name"] as? String == "web" })
            #expect(web["size"] as? String == "1 vCPU / 2 GiB")
            #expect(web["recommended"] as? String == "0.5 vCPU / 1 GiB", "\(web)")
            #expect((web["cpu"] as? [String: Any])?["p95"] as? Double == 20)
            #expect((web["cpu"] as? [String: Any])?["max"] as? Double == 60)
            #expect(((web["monthlyChange"] as? Double) ?? 0) < -10, "\(web)")
            let sharing = try #require(profile["sharing"] as? [[String: Any]])
            #expect(sharing.map { $0["services"] as? [String] ?? [] } == [["mailer", "cron"]], "\(sharing)")
            #expect(profile["period"] as? Int == 60)

            let text = try BerthBinary.run(["profile", "--since", "6h"], environment: environment, directory: folder)
            #expect(text.status == 0 && text.stdout.contains("mailer and cron could share one task"), "\(text.stdout)\(text.stderr)")
            let svg = try BerthBinary.run(["profile", "--since", "6h", "--format", "svg"], environment: environment, directory: folder)
            #expect(svg.stdout.hasPrefix("<svg") && svg.stdout.components(separatedBy: "<polyline").count == 7, "\(svg.stdout.prefix(300))")
            try aws.client.expectNoRejections()
        }
    }
}
