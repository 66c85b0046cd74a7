import AWSRuntime
import AWSServices
import Foundation
import SigV4
import StackTemplates

/// `berth volume upload`, `download` and `ls`: files between a developer's folder and a
/// volume, through the backup bucket and the stack's own backup and restore tasks.
///
/// - An upload is a snapshot made on the developer's machine: its archive goes to the bucket in
///   parts, its manifest last (so it is complete or absent, as a backup's), then the restore
///   task checks it and swaps it in. A volume with files is left alone unless the caller says
///   `replace` or `merge`, and the swap keeps what was there until the new files are in.
/// - A download is a backup taken now, fetched in ranges and checked against its manifest.
/// - A listing runs the backup task with the list script in place of its archive script: the
///   volume is mounted read-only, as for a backup.
///
/// Uploads and downloads stay in the bucket as snapshots and expire with the backups.
package struct VolumeTransfer: Sendable {
    let backups: SiteBackups
    let partSize: Int

    package init(backups: SiteBackups, partSize: Int = 8 * 1024 * 1024) {
        self.backups = backups
        self.partSize = partSize
    }

    /// Bytes moved so far of a total, for a progress bar.
    package typealias Transferred = @Sendable (_ done: Int64, _ total: Int64) -> Void

    /// A local archive to upload: `tar -czf` of the folder, and what it holds.
    package struct LocalArchive: Sendable, Equatable {
        package var file: URL
        package var files: Int
        package var bytes: Int64
        /// The folder it was made from, recorded in the manifest.
        package var source: String

        package init(file: URL, files: Int, bytes: Int64, source: String) {
            self.file = file
            self.files = files
            self.bytes = bytes
            self.source = source
        }
    }

    /// What the restore step does with files already in the volume.
    package enum Mode: String, Sendable {
        /// Refuse a volume with files: nothing is touched.
        case intoEmpty = "empty"
        /// The volume holds exactly the upload afterwards.
        case replace
        /// Files the upload lacks stay; those it has are overwritten.
        case merge
    }

    package enum UploadOutcome: Sendable, Equatable {
        case uploaded(BackupSnapshot, taskId: String)
        /// The volume has files and the mode was `intoEmpty`: the volume is untouched; `write`
        /// with another mode puts the stored snapshot in.
        case volumeHasFiles(BackupSnapshot, files: Int, bytes: Int64)
    }

    var names: Names { backups.names }
    var client: AWSClient { backups.client }

    // MARK: Upload

    /// Runs the restore task on a stored upload. Only `.intoEmpty` answers `.volumeHasFiles`;
    /// in the other modes the task's "has files" exit is no answer it may give, so a failure.
    package func write(
        _ snapshot: BackupSnapshot, mode: Mode, owner: String?, in place: SiteBackups.Place, waiter: Waiter,
        progress: @escaping @Sendable (String) -> Void
    ) async throws -> UploadOutcome {
        var extract: [(String, String)] = [
            (BackupTask.Variable.volume, snapshot.volume), (BackupTask.Variable.snapshot, snapshot.snapshot), (BackupTask.Variable.action, "upload"),
            (BackupTask.Variable.mode, mode.rawValue),
        ]
        if let owner { extract.append((BackupTask.Variable.owner, owner)) }
        let run = try await OneOffTask(client: client, names: names, network: place.network).run(
            family: names.restoreTaskFamily, purpose: "upload", containers: [BackupTask.downloadContainer, BackupTask.extractContainer],
            logPrefix: BackupTask.restoreLogPrefix,
            overrides: [
                BackupTask.downloadContainer: [(BackupTask.Variable.volume, snapshot.volume), (BackupTask.Variable.snapshot, snapshot.snapshot)],
                BackupTask.extractContainer: extract,
            ],
            allowing: mode == .intoEmpty ? [Self.volumeHasFilesCode] : [],
            token: "berth-upload-\(snapshot.snapshot)-" + SiteBackups.digest(snapshot.volume + " " + mode.rawValue + " " + BackupSnapshot.id()),
            waiter: waiter, progress: progress)
        guard run.exitCode == Self.volumeHasFilesCode else { return .uploaded(snapshot, taskId: run.taskId) }
        let counts = run.output.lazy.compactMap { Self.notEmptyCounts($0) }.first ?? (0, 0)
        return .volumeHasFiles(snapshot, files: counts.files, bytes: counts.bytes)
    }

    /// The extract step's exit code for a volume that has files (`BERTH_MODE=empty`).
    static let volumeHasFilesCode = 3

    /// `berth-not-empty FILES BYTES`.
    static func notEmptyCounts(_ line: String) -> (files: Int, bytes: Int64)? {
        let fields = line.split(separator: " ")
        guard fields.count == 3, fields[0] == "berth-not-empty", let files = Int(fields[1]), let bytes = Int64(fields[2]) else { return nil }
        return (files, bytes)
    }

    /// Stores the archive as snapshot `id` of `volume`: in parts (or one PUT when small), then
    /// its manifest. `write` then puts it into the volume. A failure aborts the
    /// multipart upload, so no parts are left to pay for, and no manifest means no snapshot.
    package func store(_ archive: LocalArchive, volume: String, id: String, in place: SiteBackups.Place, transferred: @escaping Transferred)
        async throws
        -> BackupSnapshot
    {
        let s3 = S3Client(client)
        let key = names.snapshotKey(volume: volume, snapshot: id, file: .archive)
        let handle = try FileHandle(forReadingFrom: archive.file)
        defer { try? handle.close() }
        let size = Int64(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        var hasher = StreamingSHA256()
        let part = S3Client.partSize(for: size, preferred: partSize)
        if size <= Int64(part) {
            let body = try handle.readToEnd() ?? Data()
            hasher.update(body)
            _ = try await s3.putObject(bucket: place.bucket, key: key, body: body, contentType: "application/gzip")
            transferred(size, size)
        } else {
            let uploadId = try await s3.createMultipartUpload(bucket: place.bucket, key: key, contentType: "application/gzip")
            do {
                var parts: [(number: Int, etag: String)] = []
                var done: Int64 = 0
                // Four parts in flight: read (and hash) in order, send together.
                while done < size {
                    var batch: [(number: Int, body: Data)] = []
                    while batch.count < 4, let body = try handle.read(upToCount: part), !body.isEmpty {
                        hasher.update(body)
                        batch.append((parts.count + batch.count + 1, body))
                    }
                    guard !batch.isEmpty else { break }
                    let sent = try await batch.concurrentMap(limit: 4) { item in
                        (
                            item.number,
                            try await s3.uploadPart(bucket: place.bucket, key: key, uploadId: uploadId, partNumber: item.number, body: item.body)
                        )
                    }
                    parts += sent.map { (number: $0.0, etag: $0.1) }
                    done += batch.reduce(0) { $0 + Int64($1.body.count) }
                    transferred(done, size)
                }
                try await s3.completeMultipartUpload(bucket: place.bucket, key: key, uploadId: uploadId, parts: parts)
            } catch {
                // Its own task, so that Ctrl-C still drops the parts.
                let client = self.client
                await Task { try? await S3Client(client).abortMultipartUpload(bucket: place.bucket, key: key, uploadId: uploadId) }.value
                throw error
            }
        }
        let snapshot = BackupSnapshot(
            format: BackupSnapshot.format, volume: volume, snapshot: id, created: BackupSnapshot.timestamp(), files: archive.files,
            bytes: archive.bytes, archive: Names.SnapshotFile.archive.rawValue, archiveBytes: size, sha256: hasher.hex(),
            source: "upload:" + archive.source)
        _ = try await s3.putObject(
            bucket: place.bucket, key: names.snapshotKey(volume: volume, snapshot: id, file: .manifest), body: try snapshot.manifestJSON(),
            contentType: "application/json")
        return snapshot
    }

    // MARK: Download

    /// Backs the volume up now and fetches that snapshot's archive into `file`, checked against
    /// the manifest's SHA-256 (a mismatch removes the file and throws).
    package func download(
        _ volume: String, id: String, to file: URL, in place: SiteBackups.Place, waiter: Waiter, progress: @escaping @Sendable (String) -> Void,
        transferred: @escaping Transferred
    ) async throws -> BackupSnapshot {
        let (_, stored) = try await backups.backUp([volume], id: id, in: place, waiter: waiter, progress: progress)
        guard let snapshot = stored.first else { throw DeployError("the backup task stored no snapshot of \(volume)", hint: nil) }
        try await fetch(snapshot, to: file, in: place, transferred: transferred)
        return snapshot
    }

    /// The snapshot's archive into `file`, in ranges of one part, four at a time.
    package func fetch(_ snapshot: BackupSnapshot, to file: URL, in place: SiteBackups.Place, transferred: @escaping Transferred) async throws {
        let s3 = S3Client(client)
        let key = names.snapshotKey(volume: snapshot.volume, snapshot: snapshot.snapshot, file: .archive)
        let size = try await s3.objectSize(bucket: place.bucket, key: key)
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw DeployError("could not create \(file.path)", hint: "check that its folder exists and is writable")
        }
        let handle = try FileHandle(forWritingTo: file)
        var hasher = StreamingSHA256()
        do {
            var offset: Int64 = 0
            while offset < size {
                var ranges: [ClosedRange<Int64>] = []
                while ranges.count < 4, offset < size {
                    let end = min(size, offset + Int64(partSize)) - 1
                    ranges.append(offset...end)
                    offset = end + 1
                }
                let bodies = try await ranges.concurrentMap(limit: 4) { range in
                    try await s3.getObject(bucket: place.bucket, key: key, range: range)
                }
                for body in bodies {
                    hasher.update(body)
                    try handle.write(contentsOf: body)
                }
                transferred(offset, size)
            }
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        guard hasher.hex() == snapshot.sha256 else {
            try? FileManager.default.removeItem(at: file)
            throw DeployError(
                "the archive of snapshot \(snapshot.snapshot) of \(snapshot.volume) does not match its manifest's SHA-256",
                hint: "run the command again; if it repeats, the snapshot in \(place.bucket) is damaged")
        }
    }

    // MARK: Listing

    /// One entry of a volume, as `berth-ls` lines give it.
    package struct Entry: Codable, Sendable, Equatable {
        /// `drwxr-xr-x`, `-rw-r--r--`, `lrwxrwxrwx`.
        package var mode: String
        package var uid: Int
        package var gid: Int
        package var size: Int64
        package var modified: Date
        package var name: String

        package init(mode: String, uid: Int, gid: Int, size: Int64, modified: Date, name: String) {
            self.mode = mode
            self.uid = uid
            self.gid = gid
            self.size = size
            self.modified = modified
            self.name = name
        }
    }

    package struct Listing: Codable, Sendable, Equatable {
        package var volume: String
        package var path: String
        package var entries: [Entry]
        /// Regular files under the path, and their bytes.
        package var files: Int
        package var bytes: Int64

        package init(volume: String, path: String, entries: [Entry], files: Int, bytes: Int64) {
            self.volume = volume
            self.path = path
            self.entries = entries
            self.files = files
            self.bytes = bytes
        }
    }

    /// The entries of `path` in the volume (the entry itself when it is a file).
    package func list(
        _ volume: String, path: String, in place: SiteBackups.Place, waiter: Waiter, progress: @escaping @Sendable (String) -> Void
    ) async throws -> Listing {
        let run = try await OneOffTask(client: client, names: names, network: place.network).run(
            family: names.backupTaskFamily, purpose: "listing", containers: [BackupTask.archiveContainer, BackupTask.uploadContainer],
            logPrefix: BackupTask.backupLogPrefix,
            overrides: [BackupTask.archiveContainer: [(BackupTask.Variable.volume, volume), (BackupTask.Variable.path, path)]],
            commands: [BackupTask.archiveContainer: BackupScripts.list, BackupTask.uploadContainer: BackupScripts.listed],
            token: "berth-ls-" + SiteBackups.digest(volume + " " + path + " " + BackupSnapshot.id()), waiter: waiter, progress: progress)
        return Self.listing(run.output, volume: volume, path: path)
    }

    /// The list script's lines as a listing; other lines are ignored.
    static func listing(_ lines: [String], volume: String, path: String) -> Listing {
        var listing = Listing(volume: volume, path: path, entries: [], files: 0, bytes: 0)
        for line in lines {
            let fields = line.split(separator: " ", maxSplits: 6, omittingEmptySubsequences: false)
            if fields.first == "berth-ls-total", fields.count == 3 {
                listing.files = Int(fields[1]) ?? 0
                listing.bytes = Int64(fields[2]) ?? 0
            } else if fields.first == "berth-ls", fields.count == 7, let uid = Int(fields[2]), let gid = Int(fields[3]),
                let size = Int64(fields[4]), let seconds = Double(fields[5])
            {
                var name = String(fields[6])
                if name.hasPrefix("./") { name.removeFirst(2) }
                listing.entries.append(
                    Entry(mode: String(fields[1]), uid: uid, gid: gid, size: size, modified: Date(timeIntervalSince1970: seconds), name: name))
            }
        }
        listing.entries.sort { $0.name < $1.name }
        return listing
    }
}
