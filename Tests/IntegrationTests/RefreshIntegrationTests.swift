import BerthTesting
import Foundation
import Testing

extension Integration {
    /// `berth refresh` on a 20-service site: a new image pushed under one service's tag moves that
    /// service alone, with one new revision and one UpdateService.
    @Suite struct Refresh {
        @Test func aNewImageUnderOneTagRefreshesExactlyThatService() throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let repository = "fleet\(suffix)/app"
            let image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/\(repository)"
            let services = (1...20).map { index in
                "  s\(String(format: "%02d", index)): {image: \"\(image):\(index == 20 ? "edge" : "stable")\"}"
            }
            let folder = try projectFolder("berth-refresh", compose: "name: fleet\(suffix)\nservices:\n" + services.joined(separator: "\n") + "\n")
            let environment = aws.berthEnvironment()
            func berth(_ arguments: [String]) throws -> BerthBinary.Result {
                try BerthBinary.run(arguments, environment: environment, directory: folder)
            }
            defer { _ = try? berth(["down", "--infra", "--yes"]) }
            try aws.seedImage(region: "us-east-1", repository: repository, tag: "stable", build: "1")
            let first = try aws.seedImage(region: "us-east-1", repository: repository, tag: "edge", build: "1")
            let deploy = try berth(["deploy"])
            #expect(deploy.status == 0, "\(deploy.stderr)")

            // Nothing moved: nothing is written.
            try aws.client.reset()
            let idle = try berth(["refresh", "--output", "json"])
            #expect(idle.status == 0, "\(idle.stderr)")
            #expect(try aws.client.stats().mutating == 0)

            let second = try aws.seedImage(region: "us-east-1", repository: repository, tag: "edge", build: "2")
            try aws.client.reset()
            let refresh = try berth(["refresh", "--output", "json"])
            #expect(refresh.status == 0, "\(refresh.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(refresh.stdout.utf8)) as? [String: Any])
            let results = try #require(report["services"] as? [[String: Any]])
            #expect(results.filter { $0["outcome"] as? String == "refreshed" }.map { $0["service"] as? String } == ["s20"])
            #expect(results.filter { $0["outcome"] as? String == "unchanged" }.count == 19)
            let change = try #require((results.last?["images"] as? [[String: String]])?.first)
            #expect(change["old"] == "\(image)@\(first)" && change["new"] == "\(image)@\(second)", "\(change)")
            #expect(refresh.stderr.isEmpty || !refresh.stderr.contains("error"), "\(refresh.stderr)")

            // ECS writes: one revision and one UpdateService, for s20 alone (and the lock).
            let stats = try aws.client.stats()
            let writes = (stats.by_operation ?? [:]).filter(\.value.mutating).mapValues(\.count)
            #expect(writes["ecs:RegisterTaskDefinition"] == 1 && writes["ecs:UpdateService"] == 1, "\(writes)")
            #expect(
                Set(writes.keys).subtracting(["ecs:RegisterTaskDefinition", "ecs:UpdateService", "ssm:PutParameter", "ssm:DeleteParameters"]).isEmpty,
                "\(writes)")
            let reads = (stats.by_operation ?? [:]).filter { !$0.value.mutating }.mapValues(\.count)
            #expect(reads["ecr:DescribeImages"] == 2, "one call per repository, before and under the lock: \(reads)")
            print("refresh of 20 services, one moved: \(stats.total) calls, \(stats.mutating) writes \(writes), reads \(reads)")

            // What refresh registered is what deploy wants: deploy and refresh write nothing now.
            try aws.client.reset()
            #expect(try berth(["deploy"]).status == 0)
            #expect(try berth(["refresh"]).status == 0)
            #expect(try aws.client.stats().mutating == 0)
            try aws.client.expectNoRejections()
        }
    }
}
