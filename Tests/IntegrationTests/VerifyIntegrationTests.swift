import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// `berth verify` against a deployed site in the local AWS: every check passes as deployed,
    /// the probe task reaches each dependency's running task, and a security group rule taken
    /// away (as a console click would) fails with its fix, in the static check and in the probe's
    /// connection (the local AWS models security groups for the tasks it runs).
    @Suite struct Verify {
        @Test func aDeployedSitePassesAndAMissingRuleIsNamedWithItsFix() async throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let project = try TestProject(
                "berth-verify",
                compose: """
                    name: verify\(suffix)
                    services:
                      proxy:
                        image: "nginx:1.27-alpine"
                        ports: ["80:80"]
                        depends_on: [web]
                      web:
                        image: "node:22-alpine"
                        expose: ["3000"]
                        depends_on: {db: {condition: service_healthy}}
                      db:
                        image: "postgres:17-alpine"
                        expose: ["5432"]
                    """, aws: aws)
            let berth = project.berth
            defer { project.tearDown() }
            let deploy = try berth(["deploy"])
            #expect(deploy.status == 0, "\(deploy.stderr)")

            let passed = try berth(["verify", "--output", "json"])
            #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
            let verified = try #require(try JSONSerialization.jsonObject(with: Data(passed.stdout.utf8)) as? [String: Any])
            let findings = try #require(verified["findings"] as? [[String: Any]])
            let subjects = Set(findings.map { "\($0["check"] ?? "") \($0["subject"] ?? "")" })
            #expect(
                subjects == [
                    "security-group proxy -> web:3000", "security-group web -> db:5432", "service-connect proxy -> web:3000",
                    "service-connect web -> db:5432", "targets proxy:80", "reachability proxy -> web:3000", "reachability web -> db:5432",
                ], "\(subjects)")
            let matrix = try #require(verified["reachability"] as? [[String: Any]])
            #expect(
                matrix.map { "\($0["client"] ?? "") \($0["server"] ?? "") \(($0["answered"] as? [String])?.count ?? -1)" } == [
                    "proxy web 1", "web db 1",
                ])

            // The plan of the deployed site changes nothing, and says what it costs: three tasks of
            // 0.25 vCPU / 512 MiB with public IPs, one load balancer with its two addresses.
            let plan = try berth(["plan", "--output", "json"])
            #expect(plan.status == 0, "\(plan.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
            let cost = try #require(report["cost"] as? [String: Any])
            #expect(cost["before"] as? Double == cost["after"] as? Double && cost["change"] as? Double == 0, "\(cost)")
            let fargate = 730 * (0.25 * 0.04048 + 0.5 * 0.004445) * 3
            let expected = ((fargate + 730 * 0.0225 + 730 * 0.005 * 5) * 100).rounded() / 100
            #expect(cost["after"] as? Double == expected, "\(cost)")

            // Take the rule for 5432 away.
            let client = aws.awsClient()
            let group = try #require(
                try await EC2Client(client).describeSecurityGroups(filters: [.init(name: "tag:berth:project", values: ["verify\(suffix)"])])
                    .first { $0.ipPermissions?.contains { $0.fromPort == 5432 } == true })
            let _: EmptyOutput = try await client.query(
                EC2Client.descriptor, operation: "RevokeSecurityGroupIngress",
                parameters: [
                    ("GroupId", group.groupId), ("IpPermissions.1.IpProtocol", "tcp"), ("IpPermissions.1.FromPort", "5432"),
                    ("IpPermissions.1.ToPort", "5432"), ("IpPermissions.1.Groups.1.GroupId", group.groupId),
                ], idempotent: true)
            let failed = try berth(["verify"])
            #expect(failed.status == 1, "\(failed.stdout)\(failed.stderr)")
            #expect(failed.stdout.contains("FAIL security-group web -> db:5432"), "\(failed.stdout)")
            #expect(failed.stdout.contains("fix: add expose: [\"5432\"] to db"), "\(failed.stdout)")
            #expect(failed.stdout.contains("FAIL reachability web -> db:5432"), "\(failed.stdout)")
            #expect(
                failed.stdout.split(separator: "\n").contains { $0.hasPrefix("web ") && $0.hasSuffix("FAIL 0/1 :5432") }, "\(failed.stdout)")
            #expect(failed.stdout.contains("2 of 7 checks failed"), "\(failed.stdout)")
            let quick = try berth(["verify", "--no-probe"])
            #expect(quick.status == 1 && quick.stdout.contains("1 of 5 checks failed"), "\(quick.stdout)")
            try aws.client.expectNoRejections()
        }
    }
}
