import AWSRuntime
import AWSServices
import BerthTesting
import DeployEngine
import Foundation
import SigV4
import StackTemplates
import Testing

extension Integration {
    /// The scripts the backup and restore tasks run, run here for real: against folders standing
    /// in for the EFS mounts, the AWS CLI and the local AWS's S3 (through the gate in CI). A backup
    /// then a restore must give back every file byte for byte, with modes, owners and symlinks.
    @Suite struct BackupScriptsRoundTrip {
        struct Run {
            var status: Int32
            var output: String
            var seconds: Double
        }

        /// Runs a script with `sh`, as the containers do, with the AWS CLI of the repository's
        /// virtual environment (or `bin` before it) on PATH.
        static func run(_ script: String, _ environment: [String: String], bin: URL? = nil) throws -> Run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script]
            var environment = environment
            let venv = LocalAWS.projectRoot.appendingPathComponent(".venv/bin").path
            environment["PATH"] = ([bin?.path, venv, "/usr/local/bin", "/usr/bin", "/bin"].compactMap { $0 }).joined(separator: ":")
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            let started = Date()
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return Run(status: process.terminationStatus, output: output, seconds: Date().timeIntervalSince(started))
        }

        /// A tree with what volumes hold: modes from 0600 to 0755, an empty file, a private
        /// directory, a relative and a dangling symlink, a name with spaces, and a 100 MB file.
        static func makeTree(at directory: URL) throws {
            let files = FileManager.default
            try files.createDirectory(at: directory.appendingPathComponent("uploads/2026/12"), withIntermediateDirectories: true)
            try files.createDirectory(at: directory.appendingPathComponent("private"), withIntermediateDirectories: true)
            try Data("hello\n".utf8).write(to: directory.appendingPathComponent("uploads/2026/12/a note.txt"))
            try Data().write(to: directory.appendingPathComponent("empty"))
            try Data(repeating: 7, count: 70_000).write(to: directory.appendingPathComponent("private/secret.bin"))
            try Data("#!/bin/sh\necho hi\n".utf8).write(to: directory.appendingPathComponent("run.sh"))
            try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.appendingPathComponent("run.sh").path)
            try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory.appendingPathComponent("private/secret.bin").path)
            try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.appendingPathComponent("private").path)
            try files.setAttributes([.posixPermissions: 0o640], ofItemAtPath: directory.appendingPathComponent("empty").path)
            try files.createSymbolicLink(atPath: directory.appendingPathComponent("latest").path, withDestinationPath: "uploads/2026/12")
            try files.createSymbolicLink(atPath: directory.appendingPathComponent("dangling").path, withDestinationPath: "../nowhere")
            let big = try run("head -c 104857600 /dev/urandom > '\(directory.appendingPathComponent("large.bin").path)'", [:])
            #expect(big.status == 0, "\(big.output)")
        }

        /// Every entry under `directory` with its type, mode, owner, size, link target and a
        /// content digest, by relative path.
        static func listing(_ directory: URL) throws -> [String: String] {
            var entries: [String: String] = [:]
            let files = FileManager.default
            for path in try files.subpathsOfDirectory(atPath: directory.path) {
                let full = directory.appendingPathComponent(path).path
                let attributes = try files.attributesOfItem(atPath: full)
                let type = attributes[.type] as? FileAttributeType
                let mode = String((attributes[.posixPermissions] as? Int) ?? -1, radix: 8)
                let owner = "\(attributes[.ownerAccountID] ?? "?"):\(attributes[.groupOwnerAccountID] ?? "?")"
                var entry = "\(type?.rawValue ?? "?") \(mode) \(owner)"
                if type == .typeSymbolicLink {
                    entry += " -> " + (try files.destinationOfSymbolicLink(atPath: full))
                } else if type == .typeRegular {
                    let data = try Data(contentsOf: URL(fileURLWithPath: full))
                    entry += " \(data.count) " + sha256Hex(data)
                }
                entries[path] = entry
            }
            return entries
        }

        @Test func aBackupThenARestoreGivesBackEveryByteModeAndLink() async throws {
            let aws = try LocalAWS.require()
            let client = aws.awsClient()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let bucket = "berth-round-trip-\(suffix)"
            try await S3Client(client).createBucket(bucket)
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("berth-round-trip-\(suffix)")
            defer { try? FileManager.default.removeItem(at: root) }
            let source = root.appendingPathComponent("volumes/data/files")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            try Self.makeTree(at: source)
            let names = Names(project: "roundtrip", environment: "prod")
            let id = BackupSnapshot.id()
            var environment = aws.berthEnvironment()
            environment[BackupTask.Variable.bucket] = bucket
            environment[BackupTask.Variable.prefix] = names.backupPrefix
            environment[BackupTask.Variable.directories] = "data=/files other=/other"

            // Backup: archive then upload, as the two containers do.
            var backup = environment
            backup[BackupTask.Variable.volumes] = "data=\(root.path)/volumes/data other=\(root.path)/volumes/other"
            backup[BackupTask.Variable.sources] = "data=fs-0123456789abcdef0:/files"
            backup[BackupTask.Variable.staging] = root.appendingPathComponent("staging-backup").path
            backup[BackupTask.Variable.snapshot] = id
            backup[BackupTask.Variable.only] = "data"
            try FileManager.default.createDirectory(atPath: backup[BackupTask.Variable.staging]!, withIntermediateDirectories: true)
            let archive = try Self.run(BackupScripts.archive, backup)
            #expect(archive.status == 0, "\(archive.output)")
            let upload = try Self.run(BackupScripts.upload, backup)
            #expect(upload.status == 0, "\(upload.output)")

            let place = SiteBackups.Place(bucket: bucket, cluster: "c", subnets: [], securityGroup: "sg", assignPublicIp: "ENABLED")
            let backups = SiteBackups(client: client, names: names)
            let listed = try await backups.snapshots(in: place, volume: "data")
            #expect(listed.map(\.snapshot) == [id])
            let snapshot = try #require(listed.first)
            #expect(snapshot.files == 5 && snapshot.bytes == 104_857_600 + 6 + 70_000 + 18, "\(snapshot)")
            #expect(snapshot.source == "fs-0123456789abcdef0:/files" && snapshot.volume == "data")

            // Restore into a volume that holds other files: they are replaced.
            let target = root.appendingPathComponent("restored/data/files")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            try Data("stale".utf8).write(to: target.appendingPathComponent("stale.txt"))
            var restore = environment
            restore[BackupTask.Variable.volumes] = "data=\(root.path)/restored/data"
            restore[BackupTask.Variable.staging] = root.appendingPathComponent("staging-restore").path
            restore[BackupTask.Variable.volume] = "data"
            restore[BackupTask.Variable.snapshot] = id
            try FileManager.default.createDirectory(atPath: restore[BackupTask.Variable.staging]!, withIntermediateDirectories: true)
            let download = try Self.run(BackupScripts.download, restore)
            #expect(download.status == 0, "\(download.output)")
            let extract = try Self.run(BackupScripts.extract, restore)
            #expect(extract.status == 0, "\(extract.output)")

            let before = try Self.listing(source)
            let after = try Self.listing(target)
            #expect(before.count >= 11, "\(before.keys.sorted())")
            #expect(after == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("restored/data").path) == ["files"])

            let megabytes = Double(snapshot.bytes) / 1_000_000
            print(
                "backup round trip: \(String(format: "%.0f", megabytes)) MB; backup \(String(format: "%.1f", megabytes / (archive.seconds + upload.seconds))) MB/s "
                    + "(archive \(String(format: "%.1f", archive.seconds)) s, upload \(String(format: "%.1f", upload.seconds)) s); "
                    + "restore \(String(format: "%.1f", megabytes / (download.seconds + extract.seconds))) MB/s "
                    + "(download \(String(format: "%.1f", download.seconds)) s, extract \(String(format: "%.1f", extract.seconds)) s)")

            // A damaged archive is refused before the volume is touched.
            let staged = root.appendingPathComponent("staging-restore/data.tar.gz")
            let handle = try FileHandle(forWritingTo: staged)
            try handle.seek(toOffset: 1000)
            try handle.write(contentsOf: Data("damage".utf8))
            try handle.close()
            let refused = try Self.run(BackupScripts.extract, restore)
            #expect(refused.status != 0 && refused.output.contains("is not the manifest's"), "\(refused.output)")
            #expect(try Self.listing(target) == before)
            try aws.client.expectNoRejections()
        }

        @Test func anInterruptedUploadLeavesNoCompleteSnapshot() async throws {
            let aws = try LocalAWS.require()
            let client = aws.awsClient()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let bucket = "berth-interrupted-\(suffix)"
            try await S3Client(client).createBucket(bucket)
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("berth-interrupted-\(suffix)")
            defer { try? FileManager.default.removeItem(at: root) }
            let data = root.appendingPathComponent("volumes/data/data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            try Data(repeating: 1, count: 10_000).write(to: data.appendingPathComponent("file"))
            // The AWS CLI is killed when it starts on the manifest, after the archive went up.
            let bin = root.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let real = LocalAWS.projectRoot.appendingPathComponent(".venv/bin/aws").path
            try writeExecutable(
                "#!/bin/sh\ncase \"$*\" in *manifest.json*) kill -9 $$ ;; esac\nexec '\(real)' \"$@\"\n", to: bin.appendingPathComponent("aws"))

            let names = Names(project: "interrupted", environment: "dev")
            var environment = aws.berthEnvironment()
            environment[BackupTask.Variable.bucket] = bucket
            environment[BackupTask.Variable.prefix] = names.backupPrefix
            environment[BackupTask.Variable.volumes] = "data=\(root.path)/volumes/data"
            environment[BackupTask.Variable.directories] = "data=/data"
            environment[BackupTask.Variable.staging] = root.appendingPathComponent("staging").path
            try FileManager.default.createDirectory(atPath: environment[BackupTask.Variable.staging]!, withIntermediateDirectories: true)
            #expect(try Self.run(BackupScripts.archive, environment).status == 0)
            let upload = try Self.run(BackupScripts.upload, environment, bin: bin)
            #expect(upload.status != 0, "\(upload.output)")

            let stored = try await S3Client(client).listObjectsV2(bucket: bucket, prefix: names.backupPrefix + "/").collect { $0 }.map(\.Key)
            #expect(stored.count == 1 && stored.first?.hasSuffix("/data.tar.gz") == true, "the archive went up: \(stored)")
            let place = SiteBackups.Place(bucket: bucket, cluster: "c", subnets: [], securityGroup: "sg", assignPublicIp: "ENABLED")
            #expect(try await SiteBackups(client: client, names: names).snapshots(in: place).isEmpty)
            try aws.client.expectNoRejections()
        }
    }
}
