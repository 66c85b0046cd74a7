import AWSRuntime
import AWSServices
import BerthTesting
import DeployEngine
import Foundation
import SigV4
import StackTemplates
import Testing

@testable import BerthCLI

extension Integration {
    /// `berth volume upload` and `download` with every piece real but Fargate: the folder packed
    /// here by the machine's tar, Berth's multipart upload and ranged download against the local
    /// AWS's S3 (through the gate in CI), and the restore and backup tasks' scripts run against
    /// folders standing in for the EFS mount. 1,000 small files and a 100 MB one must come back
    /// byte for byte, with modes and links.
    @Suite struct VolumeTransferRoundTrip {
        typealias Scripts = BackupScriptsRoundTrip

        /// A bucket, a folder for the files and the volume, and the scripts' environment, as one
        /// environment of a site has them.
        struct Scene {
            let aws: LocalAWS
            let client: AWSClient
            let bucket: String
            let root: URL
            let names: Names
            let place: SiteBackups.Place
            let backups: SiteBackups
            let transfer: VolumeTransfer
            let tar: LocalArchive
            /// What both tasks' scripts read: the bucket, and volume `data` at `root/volume/files`.
            let environment: [String: String]

            init(_ prefix: String) async throws {
                aws = try LocalAWS.require()
                client = aws.awsClient()
                let suffix = UUID().uuidString.prefix(8).lowercased()
                bucket = "\(prefix)-\(suffix)"
                try await S3Client(client).createBucket(bucket)
                root = FileManager.default.temporaryDirectory.appendingPathComponent(bucket)
                // The file system's root is there, as a mount is.
                try FileManager.default.createDirectory(at: root.appendingPathComponent("volume"), withIntermediateDirectories: true)
                names = Names(project: prefix, environment: "dev")
                place = SiteBackups.Place(bucket: bucket, cluster: "c", subnets: [], securityGroup: "sg", assignPublicIp: "ENABLED")
                backups = SiteBackups(client: client, names: names)
                transfer = VolumeTransfer(backups: backups)
                tar = try LocalArchive(path: "/usr/bin:/bin")
                var environment = aws.berthEnvironment()
                environment[BackupTask.Variable.bucket] = bucket
                environment[BackupTask.Variable.prefix] = names.backupPrefix
                environment[BackupTask.Variable.directories] = "data=/files"
                environment[BackupTask.Variable.volumes] = "data=\(root.path)/volume"
                self.environment = environment
            }

            /// Packs `folder` here and stores it as snapshot `id` of `data`, as `berth volume upload` does.
            func store(_ folder: URL, id: String) async throws -> BackupSnapshot {
                let contents = try LocalArchive.contents(of: folder.path)
                let packed = root.appendingPathComponent("upload-\(id).tar.gz")
                try tar.pack(folder.path, into: packed)
                return try await transfer.store(
                    .init(file: packed, files: contents.files, bytes: contents.bytes, source: "./source"), volume: "data", id: id, in: place,
                    transferred: { _, _ in })
            }

            /// The scripts' environment for one step, with its own staging folder.
            func step(_ name: String, _ values: [String: String]) throws -> [String: String] {
                var step = environment.merging(values) { _, new in new }
                step[BackupTask.Variable.staging] = root.appendingPathComponent("staging-\(name)").path
                try FileManager.default.createDirectory(atPath: step[BackupTask.Variable.staging]!, withIntermediateDirectories: true)
                return step
            }
        }

        /// `makeTree`'s files, plus 1,000 small ones in 10 folders with modes 0600 to 0755.
        static func makeManyFiles(at directory: URL) throws {
            try Scripts.makeTree(at: directory)
            let modes = [0o600, 0o640, 0o644, 0o664, 0o755]
            for index in 0..<1000 {
                let folder = directory.appendingPathComponent("many/\(index / 100)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let file = folder.appendingPathComponent("file-\(index).txt")
                try Data("file \(index)\n".utf8 + Data(repeating: UInt8(index % 256), count: index)).write(to: file)
                try FileManager.default.setAttributes([.posixPermissions: modes[index % modes.count]], ofItemAtPath: file.path)
            }
        }

        @Test func anUploadThenADownloadGivesBackEveryByteModeAndLink() async throws {
            let scene = try await Scene("berth-volume")
            defer { try? FileManager.default.removeItem(at: scene.root) }
            let source = scene.root.appendingPathComponent("source")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            try Self.makeManyFiles(at: source)

            // Here: pack and store, as `berth volume upload` does.
            let started = Date()
            let contents = try LocalArchive.contents(of: source.path)
            #expect(contents.files == 1005 && contents.bytes > 104_857_600, "\(contents)")
            let packed = scene.root.appendingPathComponent("upload.tar.gz")
            try scene.tar.pack(source.path, into: packed)
            let uploadId = BackupSnapshot.id()
            let moved = LockedCounter()
            let stored = try await scene.transfer.store(
                .init(file: packed, files: contents.files, bytes: contents.bytes, source: "./source"), volume: "data", id: uploadId, in: scene.place,
                transferred: { done, _ in moved.set(done) })
            let storeSeconds = Date().timeIntervalSince(started)
            #expect(moved.value == stored.archiveBytes && stored.archiveBytes > 5 * 1024 * 1024, "stored in parts: \(stored.archiveBytes)")
            #expect(try await scene.backups.snapshot(uploadId, volume: "data", in: scene.place) == stored)

            // The restore task's two containers, into an empty volume, files given to this user.
            let upload = try scene.step(
                "upload",
                [
                    BackupTask.Variable.volume: "data", BackupTask.Variable.snapshot: uploadId, BackupTask.Variable.action: "upload",
                    BackupTask.Variable.mode: "empty", BackupTask.Variable.owner: "\(getuid()):\(getgid())",
                ])
            let download = try Scripts.run(BackupScripts.download, upload)
            #expect(download.status == 0, "\(download.output)")
            let extract = try Scripts.run(BackupScripts.extract, upload)
            #expect(extract.status == 0, "\(extract.output)")
            #expect(extract.output.contains("upload: data: snapshot \(uploadId) uploaded (1005 files"), "\(extract.output)")
            let uploadSeconds = Date().timeIntervalSince(started)
            let volume = scene.root.appendingPathComponent("volume/files")
            let original = try Scripts.listing(source)
            #expect(original.count > 1015)
            #expect(try Scripts.listing(volume) == original)

            // Into a volume that has files, `empty` touches nothing and says what is there.
            let again = try Scripts.run(BackupScripts.extract, upload)
            #expect(again.status == 3 && again.output.contains("berth-not-empty 1005 \(contents.bytes)"), "\(again.output)")
            #expect(try Scripts.listing(volume) == original)

            // Back: the backup task's two containers, then Berth's ranged download and tar here.
            let back = Date()
            let downloadId = "20991231T235959Z"
            let backup = try scene.step("backup", [BackupTask.Variable.snapshot: downloadId, BackupTask.Variable.only: "data"])
            #expect(try Scripts.run(BackupScripts.archive, backup).status == 0)
            #expect(try Scripts.run(BackupScripts.upload, backup).status == 0)
            let snapshot = try #require(try await scene.backups.snapshot(downloadId, volume: "data", in: scene.place))
            let fetched = scene.root.appendingPathComponent("download.tar.gz")
            try await scene.transfer.fetch(snapshot, to: fetched, in: scene.place, transferred: { _, _ in })
            let downloaded = scene.root.appendingPathComponent("downloaded")
            try FileManager.default.createDirectory(at: downloaded, withIntermediateDirectories: false)
            try scene.tar.unpack(fetched, into: downloaded.path)
            let downloadSeconds = Date().timeIntervalSince(back)
            #expect(try Scripts.listing(downloaded) == original)
            #expect(try LocalArchive.contents(of: downloaded.path) == contents)

            let megabytes = Double(contents.bytes) / 1_000_000
            print(
                "volume round trip: \(contents.files) files, \(String(format: "%.0f", megabytes)) MB; upload \(String(format: "%.1f", megabytes / uploadSeconds)) MB/s "
                    + "(pack + store \(String(format: "%.1f", storeSeconds)) s, restore steps \(String(format: "%.1f", uploadSeconds - storeSeconds)) s); "
                    + "download \(String(format: "%.1f", megabytes / downloadSeconds)) MB/s (\(String(format: "%.1f", downloadSeconds)) s)")
            try scene.aws.client.expectNoRejections()
        }

        /// A merge keeps the volume's files the upload lacks and takes the upload's for the rest.
        @Test func aMergeKeepsWhatTheUploadLacks() async throws {
            let scene = try await Scene("berth-merge")
            defer { try? FileManager.default.removeItem(at: scene.root) }
            let volume = scene.root.appendingPathComponent("volume/files")
            try FileManager.default.createDirectory(at: volume.appendingPathComponent("keep"), withIntermediateDirectories: true)
            try Data("old\n".utf8).write(to: volume.appendingPathComponent("index.html"))
            try Data("kept\n".utf8).write(to: volume.appendingPathComponent("keep/this.txt"))
            let source = scene.root.appendingPathComponent("source")
            try FileManager.default.createDirectory(at: source.appendingPathComponent("keep"), withIntermediateDirectories: true)
            try Data("new\n".utf8).write(to: source.appendingPathComponent("index.html"))
            try Data("added\n".utf8).write(to: source.appendingPathComponent("keep/new.txt"))
            let id = BackupSnapshot.id()
            _ = try await scene.store(source, id: id)
            let environment = try scene.step(
                "merge",
                [
                    BackupTask.Variable.volume: "data", BackupTask.Variable.snapshot: id, BackupTask.Variable.action: "upload",
                    BackupTask.Variable.mode: "merge",
                ])
            #expect(try Scripts.run(BackupScripts.download, environment).status == 0)
            let merged = try Scripts.run(BackupScripts.extract, environment)
            #expect(merged.status == 0, "\(merged.output)")
            #expect(try String(contentsOf: volume.appendingPathComponent("index.html"), encoding: .utf8) == "new\n")
            #expect(try String(contentsOf: volume.appendingPathComponent("keep/this.txt"), encoding: .utf8) == "kept\n")
            #expect(try String(contentsOf: volume.appendingPathComponent("keep/new.txt"), encoding: .utf8) == "added\n")
            try scene.aws.client.expectNoRejections()
        }
    }
}

/// The last value a transfer reported, read after it finished.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Int64 = 0
    func set(_ value: Int64) { lock.withLock { stored = value } }
    var value: Int64 { lock.withLock { stored } }
}
