import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// `berth backup now`, `backup list` and `restore` against a deployed site: the local AWS runs
    /// the stack's backup and restore tasks for real (the emulator's container runner: the tasks'
    /// own scripts, the AWS CLI, moto's S3, a folder per EFS file system).
    @Suite struct Backups {
        @Test func aVolumeIsBackedUpListedChangedAndRestored() async throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let project = try TestProject(
                "berth-backups",
                compose: """
                    name: backup\(suffix)
                    services:
                      app:
                        image: "nginx:1.27-alpine"
                        volumes: [data:/usr/share/nginx/html]
                    volumes:
                      data: {}
                    """, aws: aws)
            let berth = project.berth
            defer { project.tearDown() }
            let deploy = try berth(["deploy"])
            #expect(deploy.status == 0, "\(deploy.stderr)")

            // The volume's files, where the emulator keeps its file system.
            let state = try JSONSerialization.jsonObject(with: try aws.client.call("GET", "/_berth/ecsrun/state")) as? [String: Any]
            let efsRoot = try #require(state?["efsRoot"] as? String)
            let resources = try await CloudFormationClient(aws.awsClient()).listStackResources(stackName: "backup\(suffix)-default").collect { $0 }
            let fileSystem = try #require(resources.first { $0.LogicalResourceId == "FileSystemData" }?.PhysicalResourceId)
            let data = URL(fileURLWithPath: efsRoot).appendingPathComponent(fileSystem).appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data.appendingPathComponent("sub"), withIntermediateDirectories: true)
            try Data("one\n".utf8).write(to: data.appendingPathComponent("index.html"))
            try Data(repeating: 9, count: 1000).write(to: data.appendingPathComponent("sub/b.bin"))
            try FileManager.default.createSymbolicLink(atPath: data.appendingPathComponent("home.html").path, withDestinationPath: "index.html")

            let backup = try berth(["backup", "now", "--output", "json"])
            #expect(backup.status == 0, "\(backup.stderr)")
            let stored = try #require(try JSONSerialization.jsonObject(with: Data(backup.stdout.utf8)) as? [[String: Any]])
            #expect(stored.count == 1 && stored.first?["volume"] as? String == "data")
            #expect(stored.first?["files"] as? Int == 2 && stored.first?["bytes"] as? Int == 1004, "\(stored)")
            #expect(stored.first?["source"] as? String == "\(fileSystem):/data")
            let snapshot = try #require(stored.first?["snapshot"] as? String)

            let listed = try berth(["backup", "list", "data"])
            #expect(listed.status == 0 && listed.stdout.contains("data  \(snapshot)  2 files, 1.0 kB"), "\(listed.stdout)\(listed.stderr)")

            // Someone breaks the site's files; the restore brings the snapshot back.
            try Data("two\n".utf8).write(to: data.appendingPathComponent("index.html"))
            try FileManager.default.removeItem(at: data.appendingPathComponent("sub"))
            let refused = try berth(["restore", "data", "20200101T000000Z", "--yes"])
            #expect(refused.status == 2 && refused.stderr.contains("no complete snapshot 20200101T000000Z"), "\(refused.stderr)")
            let restored = try berth(["restore", "data", snapshot, "--yes"])
            #expect(restored.status == 0, "\(restored.stdout)\(restored.stderr)")
            #expect(restored.stdout.contains("restored snapshot \(snapshot)"), "\(restored.stdout)")
            // The service that mounts the volume was stopped for the swap and runs again.
            #expect(restored.stderr.contains("stopping app while the volume's files are replaced"), "\(restored.stderr)")
            #expect(restored.stderr.contains("started app again"), "\(restored.stderr)")
            let service = try await ECSClient(aws.awsClient()).describeServices(
                cluster: "backup\(suffix)-default", services: ["app"], includeTags: false
            ).services?.first
            #expect(service?.desiredCount == 1)
            #expect(try String(contentsOf: data.appendingPathComponent("index.html"), encoding: .utf8) == "one\n")
            #expect(try Data(contentsOf: data.appendingPathComponent("sub/b.bin")) == Data(repeating: 9, count: 1000))
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: data.appendingPathComponent("home.html").path) == "index.html")

            // The safety snapshot holds what the restore replaced.
            let all = try berth(["backup", "list", "--output", "json"])
            let snapshots = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
            #expect(snapshots.count == 2 && snapshots.last?["snapshot"] as? String == snapshot, "\(snapshots)")
            #expect(snapshots.first?["files"] as? Int == 1 && snapshots.first?["bytes"] as? Int == 4, "the broken state: \(snapshots)")
            try aws.client.expectNoRejections()
        }
    }
}
