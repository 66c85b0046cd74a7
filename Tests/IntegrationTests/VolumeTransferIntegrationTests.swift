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
            let aws = try LocalAWS.require()
            let client = aws.awsClient()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let bucket = "berth-volume-\(suffix)"
            try await S3Client(client).createBucket(bucket)
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("berth-volume-\(suffix)")
            defer { try? FileManager.default.removeItem(at: root) }
            let source = root.appendingPathComponent("source")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            try Self.makeManyFiles(at: source)
            let names = Names(project: "volumes", environment: "dev")
            let place = SiteBackups.Place(bucket: bucket, cluster: "c", subnets: [], securityGroup: "sg", assignPublicIp: "ENABLED")
            let backups = SiteBackups(client: client, names: names)
            let transfer = VolumeTransfer(backups: backups)
            let tar = try LocalArchive(path: "/usr/bin:/bin")

            // Here: pack and store, as `berth volume upload` does.
            let started = Date()
            let contents = try LocalArchive.contents(of: source.path)
            #expect(contents.files == 1005 && contents.bytes > 104_857_600, "\(contents)")
            let packed = root.appendingPathComponent("upload.tar.gz")
            try tar.pack(source.path, into: packed)
            let uploadId = BackupSnapshot.id()
            let moved = LockedCounter()
            let stored = try await transfer.store(
                .init(file: packed, files: contents.files, bytes: contents.bytes, source: "./source"), volume: "data", id: uploadId, in: place,
                transferred: { done, _ in moved.set(done) })
            let storeSeconds = Date().timeIntervalSince(started)
            #expect(moved.value == stored.archiveBytes && stored.archiveBytes > 5 * 1024 * 1024, "stored in parts: \(stored.archiveBytes)")
            #expect(try await backups.snapshot(uploadId, volume: "data", in: place) == stored)

            // The restore task's two containers, into an empty volume (its file system's root is
            // there, as a mount is), files given to this user.
            try FileManager.default.createDirectory(at: root.appendingPathComponent("volume"), withIntermediateDirectories: true)
            var environment = aws.berthEnvironment()
            environment[BackupTask.Variable.bucket] = bucket
            environment[BackupTask.Variable.prefix] = names.backupPrefix
            environment[BackupTask.Variable.directories] = "data=/files"
            environment[BackupTask.Variable.volumes] = "data=\(root.path)/volume"
            var upload = environment
            upload[BackupTask.Variable.staging] = root.appendingPathComponent("staging-upload").path
            upload[BackupTask.Variable.volume] = "data"
            upload[BackupTask.Variable.snapshot] = uploadId
            upload[BackupTask.Variable.action] = "upload"
            upload[BackupTask.Variable.mode] = "empty"
            upload[BackupTask.Variable.owner] = "\(getuid()):\(getgid())"
            try FileManager.default.createDirectory(atPath: upload[BackupTask.Variable.staging]!, withIntermediateDirectories: true)
            let download = try Scripts.run(BackupScripts.download, upload)
            #expect(download.status == 0, "\(download.output)")
            let extract = try Scripts.run(BackupScripts.extract, upload)
            #expect(extract.status == 0, "\(extract.output)")
            #expect(extract.output.contains("upload: data: snapshot \(uploadId) uploaded (1005 files"), "\(extract.output)")
            let uploadSeconds = Date().timeIntervalSince(started)
            let volume = root.appendingPathComponent("volume/files")
            let original = try Scripts.listing(source)
            #expect(original.count > 1015)
            #expect(try Scripts.listing(volume) == original)

            // Into a volume that has files, `empty` touches nothing and says what is there.
            let again = try Scripts.run(BackupScripts.extract, upload)
            #expect(again.status == 3 && again.output.contains("berth-not-empty 1005 \(contents.bytes)"), "\(again.output)")
            #expect(try Scripts.listing(volume) == original)

            // Back: the backup task's two containers, then Berth's ranged download and tar here.
            let back = Date()
            var backup = environment
            backup[BackupTask.Variable.staging] = root.appendingPathComponent("staging-backup").path
            let downloadId = "20991231T235959Z"
            backup[BackupTask.Variable.snapshot] = downloadId
            backup[BackupTask.Variable.only] = "data"
            try FileManager.default.createDirectory(atPath: backup[BackupTask.Variable.staging]!, withIntermediateDirectories: true)
            #expect(try Scripts.run(BackupScripts.archive, backup).status == 0)
            #expect(try Scripts.run(BackupScripts.upload, backup).status == 0)
            let snapshot = try #require(try await backups.snapshot(downloadId, volume: "data", in: place))
            let fetched = root.appendingPathComponent("download.tar.gz")
            try await transfer.fetch(snapshot, to: fetched, in: place, transferred: { _, _ in })
            let downloaded = root.appendingPathComponent("downloaded")
            try FileManager.default.createDirectory(at: downloaded, withIntermediateDirectories: false)
            try tar.unpack(fetched, into: downloaded.path)
            let downloadSeconds = Date().timeIntervalSince(back)
            #expect(try Scripts.listing(downloaded) == original)
            #expect(try LocalArchive.contents(of: downloaded.path) == contents)

            let megabytes = Double(contents.bytes) / 1_000_000
            print(
                "volume round trip: \(contents.files) files, \(String(format: "%.0f", megabytes)) MB; upload \(String(format: "%.1f", megabytes / uploadSeconds)) MB/s "
                    + "(pack + store \(String(format: "%.1f", storeSeconds)) s, restore steps \(String(format: "%.1f", uploadSeconds - storeSeconds)) s); "
                    + "download \(String(format: "%.1f", megabytes / downloadSeconds)) MB/s (\(String(format: "%.1f", downloadSeconds)) s)")
            try aws.client.expectNoRejections()
        }

        /// A merge keeps the volume's files the upload lacks and takes the upload's for the rest.
        @Test func aMergeKeepsWhatTheUploadLacks() async throws {
            let aws = try LocalAWS.require()
            let client = aws.awsClient()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let bucket = "berth-merge-\(suffix)"
            try await S3Client(client).createBucket(bucket)
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("berth-merge-\(suffix)")
            defer { try? FileManager.default.removeItem(at: root) }
            let volume = root.appendingPathComponent("volume/files")
            try FileManager.default.createDirectory(at: volume.appendingPathComponent("keep"), withIntermediateDirectories: true)
            try Data("old\n".utf8).write(to: volume.appendingPathComponent("index.html"))
            try Data("kept\n".utf8).write(to: volume.appendingPathComponent("keep/this.txt"))
            let source = root.appendingPathComponent("source")
            try FileManager.default.createDirectory(at: source.appendingPathComponent("keep"), withIntermediateDirectories: true)
            try Data("new\n".utf8).write(to: source.appendingPathComponent("index.html"))
            try Data("added\n".utf8).write(to: source.appendingPathComponent("keep/new.txt"))

            let names = Names(project: "merge", environment: "dev")
            let place = SiteBackups.Place(bucket: bucket, cluster: "c", subnets: [], securityGroup: "sg", assignPublicIp: "ENABLED")
            let packed = root.appendingPathComponent("upload.tar.gz")
            try LocalArchive(path: "/usr/bin:/bin").pack(source.path, into: packed)
            let counted = try LocalArchive.contents(of: source.path)
            let id = BackupSnapshot.id()
            _ = try await VolumeTransfer(backups: SiteBackups(client: client, names: names)).store(
                .init(file: packed, files: counted.files, bytes: counted.bytes, source: "./source"), volume: "data", id: id, in: place,
                transferred: { _, _ in })
            var environment = aws.berthEnvironment()
            environment[BackupTask.Variable.bucket] = bucket
            environment[BackupTask.Variable.prefix] = names.backupPrefix
            environment[BackupTask.Variable.directories] = "data=/files"
            environment[BackupTask.Variable.volumes] = "data=\(root.path)/volume"
            environment[BackupTask.Variable.staging] = root.appendingPathComponent("staging").path
            environment[BackupTask.Variable.volume] = "data"
            environment[BackupTask.Variable.snapshot] = id
            environment[BackupTask.Variable.action] = "upload"
            environment[BackupTask.Variable.mode] = "merge"
            try FileManager.default.createDirectory(atPath: environment[BackupTask.Variable.staging]!, withIntermediateDirectories: true)
            #expect(try Scripts.run(BackupScripts.download, environment).status == 0)
            let merged = try Scripts.run(BackupScripts.extract, environment)
            #expect(merged.status == 0, "\(merged.output)")
            #expect(try String(contentsOf: volume.appendingPathComponent("index.html"), encoding: .utf8) == "new\n")
            #expect(try String(contentsOf: volume.appendingPathComponent("keep/this.txt"), encoding: .utf8) == "kept\n")
            #expect(try String(contentsOf: volume.appendingPathComponent("keep/new.txt"), encoding: .utf8) == "added\n")
            try aws.client.expectNoRejections()
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
