import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

@testable import BerthCLI

extension Integration {
    /// A site whose compose file keeps its content in a host directory (as Ghost's does), opted
    /// in to volumes: deploy makes the volume and prints the upload line, `berth volume upload`
    /// fills it through the local AWS's restore task, `ls` lists it with the backup task, a second
    /// upload does not overwrite it unasked, and `download` brings the files back.
    @Suite struct Volumes {
        /// A listing without owners: uploaded files get the access point's, downloaded ones ours.
        static func withoutOwners(_ listing: [String: String]) -> [String: String] {
            listing.mapValues { entry in
                entry.split(separator: " ", omittingEmptySubsequences: false).enumerated().filter { $0.offset != 2 }.map(\.element).joined(
                    separator: " ")
            }
        }

        @Test func aDataDirectoryBecomesAVolumeWhoseFilesGoUpAndComeBack() async throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let project = try TestProject(
                "berth-volumes",
                compose: """
                    name: volumes\(suffix)
                    services:
                      app:
                        image: "nginx:1.27-alpine"
                        user: "101:101"
                        volumes: ["./data/site:/usr/share/nginx/html"]
                    x-berth: {bind_mounts: volumes}
                    """, aws: aws)
            let berth = project.berth
            defer { project.tearDown() }
            let site = project.folder.appendingPathComponent("data/site")
            try FileManager.default.createDirectory(at: site.appendingPathComponent("sub"), withIntermediateDirectories: true)
            try Data("<h1>hello</h1>\n".utf8).write(to: site.appendingPathComponent("index.html"))
            try Data(repeating: 9, count: 1000).write(to: site.appendingPathComponent("sub/b.bin"))
            try Data("private\n".utf8).write(to: site.appendingPathComponent("private.txt"))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: site.appendingPathComponent("private.txt").path)
            try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("home.html").path, withDestinationPath: "index.html")

            let validate = try berth(["validate"])
            #expect(validate.status == 0 && validate.stderr.contains("becomes named volume data-site on EFS"), "\(validate.stderr)")
            let deploy = try berth(["deploy"])
            #expect(deploy.status == 0, "\(deploy.stderr)")
            #expect(
                deploy.stdout.contains("volume data-site is new and empty; copy its files in with: berth volume upload data-site ./data/site"),
                "\(deploy.stdout)")

            let upload = try berth(["volume", "upload", "data-site", "./data/site"])
            #expect(upload.status == 0, "\(upload.stdout)\(upload.stderr)")
            #expect(upload.stdout.contains("data-site: uploaded ./data/site (3 files"), "\(upload.stdout)")
            #expect(upload.stdout.contains("files owned by 101:101"), "the service's user: \(upload.stdout)")
            #expect(upload.stderr.contains("upload  "), "a progress line: \(upload.stderr)")

            // The files where the emulator keeps the volume's file system.
            let state = try JSONSerialization.jsonObject(with: try aws.client.call("GET", "/_berth/ecsrun/state")) as? [String: Any]
            let efsRoot = try #require(state?["efsRoot"] as? String)
            let resources = try await CloudFormationClient(aws.awsClient()).listStackResources(stackName: "volumes\(suffix)-default").collect { $0 }
            let fileSystem = try #require(resources.first { $0.ResourceType == "AWS::EFS::FileSystem" }?.PhysicalResourceId)
            let volume = URL(fileURLWithPath: efsRoot).appendingPathComponent(fileSystem).appendingPathComponent("data-site")
            let original = try BackupScriptsRoundTrip.listing(site)
            #expect(Self.withoutOwners(try BackupScriptsRoundTrip.listing(volume)) == Self.withoutOwners(original))
            if getuid() == 0 {
                let owner = try FileManager.default.attributesOfItem(atPath: volume.appendingPathComponent("sub/b.bin").path)[.ownerAccountID] as? Int
                #expect(owner == 101)
            }

            let listed = try berth(["volume", "ls", "data-site", "--output", "json"])
            #expect(listed.status == 0, "\(listed.stderr)")
            let listing = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
            let entries = try #require(listing["entries"] as? [[String: Any]])
            #expect(entries.compactMap { $0["name"] as? String } == ["home.html", "index.html", "private.txt", "sub"], "\(listing)")
            #expect(entries.first { $0["name"] as? String == "private.txt" }?["mode"] as? String == "-rw-------")
            #expect(listing["files"] as? Int == 3 && listing["bytes"] as? Int == 1023, "\(listing)")
            let sub = try berth(["volume", "ls", "data-site", "sub"])
            #expect(sub.status == 0 && sub.stdout.contains(" b.bin") && sub.stdout.contains("data-site:/sub: 1 file, 1.0 kB"), "\(sub.stdout)")

            // A second upload finds files and, without a terminal or --yes, changes nothing.
            try Data("changed\n".utf8).write(to: site.appendingPathComponent("index.html"))
            let again = try berth(["volume", "upload", "data-site", "./data/site"])
            #expect(again.status == 2 && again.stderr.contains("volume data-site already has 3 files"), "\(again.stderr)")
            #expect(Self.withoutOwners(try BackupScriptsRoundTrip.listing(volume)) == Self.withoutOwners(original))

            let download = try berth(["volume", "download", "data-site", "./copy"])
            #expect(download.status == 0, "\(download.stdout)\(download.stderr)")
            #expect(download.stdout.contains("into ./copy, checksum verified"), "\(download.stdout)")
            let copy = try BackupScriptsRoundTrip.listing(project.folder.appendingPathComponent("copy"))
            #expect(Self.withoutOwners(copy) == Self.withoutOwners(original))
            let refused = try berth(["volume", "download", "data-site", "./copy"])
            #expect(refused.status == 2 && refused.stderr.contains("./copy exists and is not an empty folder"), "\(refused.stderr)")

            // On a terminal it asks instead; "y" replaces the files after a safety snapshot, with
            // the service that mounts the volume stopped meanwhile and started again.
            let asked = Transcript()
            let answered = await Berth.run(
                ["volume", "upload", "data-site", "./data/site"],
                in: Surroundings(
                    processEnvironment: project.environment, workingDirectory: project.folder.path,
                    console: Console { text, _ in asked.append(text) }, interactive: true,
                    readAnswer: {
                        asked.append("<y>\n")
                        return "y"
                    }))
            #expect(answered == 0, "\(asked.text)")
            #expect(
                asked.text.contains(
                    "Volume data-site of volumes\(suffix)-default already has 3 files (1.0 kB). Replace them with those of ./data/site? [y/N] <y>"),
                "\(asked.text)")
            #expect(asked.text.contains("the files it replaced are snapshot "), "\(asked.text)")
            #expect(Self.withoutOwners(try BackupScriptsRoundTrip.listing(volume)) == Self.withoutOwners(try BackupScriptsRoundTrip.listing(site)))
            let cluster = resources.first { $0.ResourceType == "AWS::ECS::Cluster" }?.PhysicalResourceId
            let services = try await ECSClient(aws.awsClient()).describeServices(cluster: cluster, named: ["app"])
            #expect(services.map(\.desiredCount) == [1], "the service runs again after the swap")

            // The volume exists now: a deploy no longer says it is new.
            let redeploy = try berth(["deploy"])
            #expect(redeploy.status == 0 && !redeploy.stdout.contains("is new and empty"), "\(redeploy.stdout)")
            try aws.client.expectNoRejections()
        }
    }
}

/// What an in-process command wrote to its console, in order.
final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var written = ""
    var text: String { lock.withLock { written } }
    func append(_ text: String) { lock.withLock { written += text } }
}
