import AWSRuntime
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// Files between a folder here and a named volume on EFS.
    struct Volume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "volume",
            abstract: "Copy files into a volume, out of it, or list them.",
            discussion: """
                A Fargate task cannot see your disk, so files reach a volume through the site's backup bucket: \
                upload packs the folder here (tar + gzip, modes and symlinks kept), stores it as a snapshot, and \
                the stack's restore task checks its SHA-256, file count and bytes and swaps it in; download \
                takes a backup now and unpacks it here; ls lists a folder of the volume with the backup task \
                (read-only). Uploads and downloads stay in the bucket as snapshots (berth backup list).

                Examples:
                  berth volume upload data-ghost ./data/ghost --env prod
                  berth volume download data-ghost ./ghost-content --env prod
                  berth volume ls data-ghost /images --env prod
                """,
            subcommands: [Upload.self, Download.self, List.self])

        struct Upload: BerthCommand {
            static let configuration = CommandConfiguration(
                commandName: "upload",
                abstract: "Copy a folder's files into a volume.",
                discussion: """
                    Into an empty volume it just writes. A volume with files is left alone unless you confirm: \
                    --yes replaces its files with the folder's, --merge adds the folder's files (overwriting \
                    those of the same name) and keeps the rest; either way a safety snapshot of the volume is \
                    taken first. The files get the owner the services' access point writes as (driver_opts \
                    uid/gid, else the service's numeric user, else root); --owner sets another. An interrupted \
                    upload leaves the volume as it was.

                    Examples:
                      berth volume upload data-ghost ./data/ghost --env prod
                      berth volume upload data-ghost ./data/ghost --env dev --merge
                    """)

            @OptionGroup var globals: GlobalOptions

            @Argument(help: ArgumentHelp("The named volume.", valueName: "volume"))
            var volume: String

            @Argument(help: ArgumentHelp("The folder whose files to copy.", valueName: "folder"))
            var folder: String

            @Flag(name: .shortAndLong, help: "Replace the files of a volume that has some, without asking.")
            var yes = false

            @Flag(help: "Add the folder's files to those in the volume, keeping the others.")
            var merge = false

            @Option(help: ArgumentHelp("UID:GID to give the files (default: the access point's owner).", valueName: "uid:gid"))
            var owner: String?

            @Flag(help: "Leave the services that mount the volume running while its files are replaced or merged.")
            var keepRunning = false

            @Option(help: ArgumentHelp("Give up waiting after this many minutes (the task runs on).", valueName: "minutes"))
            var timeout: Double = 60

            func validate() throws {
                if let owner, !Volume.isOwner(owner) { throw ValidationError("--owner takes numeric ids, UID:GID, e.g. 1000:1000") }
            }

            struct Report: Encodable {
                var volume: String
                var folder: String
                var snapshot: BackupSnapshot
                var owner: String?
                var safetySnapshot: String?
                var task: String
                var seconds: Double
            }

            func run(_ context: CommandContext) async throws {
                let directory = context.absolutePath(folder)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw BadInputError("\(folder) is not a folder", hint: "upload copies the files of a folder into the volume")
                }
                let (deployment, backups, place) = try await context.backups()
                _ = try context.backedUpVolumes([volume], in: deployment.site)
                let owner = self.owner ?? Volume.owner(of: volume, in: deployment.site)
                let printer = context.printer
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("berth-upload-\(UUID().uuidString).tar.gz")
                defer { try? FileManager.default.removeItem(at: file) }
                let archive = try pack(directory, into: file, context: context)
                let transfer = VolumeTransfer(backups: backups)
                let waiter = Waiter.operations(timeout: timeout * 60)
                let progress: @Sendable (String) -> Void = { printer.progress($0) }
                // The archive goes up first: the services stop only for the swap.
                let started = Date()
                let bar = TransferProgress("upload", printer: printer)
                let stored: BackupSnapshot
                do {
                    stored = try await transfer.store(
                        archive, volume: volume, id: BackupSnapshot.id(), in: place, transferred: { bar.update($0, $1) })
                    bar.finish()
                } catch {
                    bar.finish()
                    throw error
                }
                progress("upload: stored snapshot \(stored.snapshot) of \(volume) in \(place.bucket) (\(ByteSize.text(stored.archiveBytes)) archive)")
                // Files are replaced or merged only after a safety snapshot, with the services
                // that mount the volume stopped (as for a restore); they start again however the
                // write ends.
                let writers = keepRunning ? [] : Restore.writers(of: volume, in: deployment.site)
                var safety: String?
                var stopped: [String: Int] = [:]
                let uploaded: (snapshot: BackupSnapshot, task: String)
                do {
                    uploaded = try await write(
                        stored, transfer: transfer, owner: owner, place: place, waiter: waiter, stack: deployment.names.stack, context: context
                    ) {
                        safety = try await Volume.safetySnapshot(volume, backups: backups, place: place, waiter: waiter, printer: printer)
                        stopped = try await backups.stopWriters(writers, in: place, waiter: waiter, progress: progress)
                    }
                } catch {
                    await backups.startWriters(stopped, in: place, progress: progress)
                    throw error
                }
                await backups.startWriters(stopped, in: place, progress: progress)
                let snapshot = uploaded.snapshot
                let report = Report(
                    volume: volume, folder: folder, snapshot: snapshot, owner: owner, safetySnapshot: safety, task: uploaded.task,
                    seconds: Date().timeIntervalSince(started))
                try printer.result(report) {
                    (["\(volume): uploaded \(folder) (\(Backup.summary(snapshot))) as snapshot \(snapshot.snapshot), checksum verified"]
                        + (owner.map { ["files owned by \($0)"] } ?? [])
                        + (safety.map { ["the files it replaced are snapshot \($0): berth restore \(volume) \($0) puts them back"] } ?? []))
                        .joined(separator: "\n")
                }
            }

            /// Packs the folder with the machine's tar into `file`, counting what it holds first.
            private func pack(_ directory: String, into file: URL, context: CommandContext) throws -> VolumeTransfer.LocalArchive {
                let tar = try LocalArchive(path: context.processEnvironment["PATH"] ?? "/usr/bin:/bin")
                let contents = try LocalArchive.contents(of: directory)
                context.printer.progress("upload: packing \(folder) (\(contents.files) files, \(ByteSize.text(contents.bytes)))")
                try tar.pack(directory, into: file)
                return VolumeTransfer.LocalArchive(file: file, files: contents.files, bytes: contents.bytes, source: folder)
            }

            /// Writes the stored snapshot into the volume in the mode the flags ask for; into a
            /// volume that has files (unasked) it asks, then replaces. `prepare` (safety snapshot,
            /// services stopped) runs before any write that changes files already there.
            private func write(
                _ stored: BackupSnapshot, transfer: VolumeTransfer, owner: String?, place: SiteBackups.Place, waiter: Waiter,
                stack: String, context: CommandContext, prepare: () async throws -> Void
            ) async throws -> (BackupSnapshot, task: String) {
                let printer = context.printer
                let progress: @Sendable (String) -> Void = { printer.progress($0) }
                var mode: VolumeTransfer.Mode = merge ? .merge : yes ? .replace : .intoEmpty
                if mode != .intoEmpty { try await prepare() }
                while true {
                    switch try await transfer.write(stored, mode: mode, owner: owner, in: place, waiter: waiter, progress: progress) {
                    case .uploaded(let snapshot, let task):
                        return (snapshot, task)
                    case .volumeHasFiles(_, let files, let bytes):
                        let has = "\(files) files (\(ByteSize.text(bytes)))"
                        guard context.prompter.confirm("Volume \(volume) of \(stack) already has \(has). Replace them with those of \(folder)?")
                        else {
                            throw BadInputError(
                                "volume \(volume) already has \(has); nothing was changed",
                                hint: "--yes replaces them, --merge adds to them (the upload is stored as snapshot \(stored.snapshot))")
                        }
                        try await prepare()
                        mode = .replace
                    }
                }
            }
        }

        struct Download: BerthCommand {
            static let configuration = CommandConfiguration(
                commandName: "download",
                abstract: "Copy a volume's files into a new folder here.",
                discussion: """
                    Takes a backup of the volume now, fetches it, checks its SHA-256 and file count, and \
                    unpacks it into the folder, which must not exist or be empty. Modes and symlinks are kept; \
                    the files are yours (tar run as you keeps no other owner).

                    Examples:
                      berth volume download data-ghost ./ghost-content --env prod
                    """)

            @OptionGroup var globals: GlobalOptions

            @Argument(help: ArgumentHelp("The named volume.", valueName: "volume"))
            var volume: String

            @Argument(help: ArgumentHelp("A folder that does not exist yet, or is empty.", valueName: "folder"))
            var folder: String

            @Option(help: ArgumentHelp("Give up waiting after this many minutes (the task runs on).", valueName: "minutes"))
            var timeout: Double = 60

            func run(_ context: CommandContext) async throws {
                let destination = URL(fileURLWithPath: context.absolutePath(folder)).standardizedFileURL
                let files = FileManager.default
                if files.fileExists(atPath: destination.path), (try? files.contentsOfDirectory(atPath: destination.path).isEmpty) != true {
                    throw BadInputError("\(folder) exists and is not an empty folder", hint: "download into a new folder")
                }
                let parent = destination.deletingLastPathComponent()
                guard files.isWritableFile(atPath: parent.path) else {
                    throw BadInputError("cannot write in \(parent.path)", hint: "choose a folder in a place you can write to")
                }
                let (deployment, backups, place) = try await context.backups()
                _ = try context.backedUpVolumes([volume], in: deployment.site)
                let tar = try LocalArchive(path: context.processEnvironment["PATH"] ?? "/usr/bin:/bin")
                let printer = context.printer
                // Beside the destination, so the last step is a rename on one file system.
                let work = parent.appendingPathComponent(".\(destination.lastPathComponent).berth-download-\(UUID().uuidString.prefix(8))")
                try files.createDirectory(at: work, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
                defer { try? files.removeItem(at: work) }
                let bar = TransferProgress("download", printer: printer)
                let started = Date()
                let snapshot = try await VolumeTransfer(backups: backups).download(
                    volume, id: BackupSnapshot.id(), to: work.appendingPathComponent("data.tar.gz"), in: place,
                    waiter: .operations(timeout: timeout * 60), progress: { printer.progress($0) },
                    transferred: { bar.update($0, $1) })
                bar.finish()
                let unpacked = work.appendingPathComponent("files")
                try files.createDirectory(at: unpacked, withIntermediateDirectories: false)
                try tar.unpack(work.appendingPathComponent("data.tar.gz"), into: unpacked.path)
                let contents = try LocalArchive.contents(of: unpacked.path)
                guard contents.files == snapshot.files, contents.bytes == snapshot.bytes else {
                    throw BadInputError(
                        "unpacked \(contents.files) files, \(contents.bytes) bytes, not the snapshot's \(snapshot.files) and \(snapshot.bytes); \(folder) is untouched",
                        hint: "run the command again")
                }
                if files.fileExists(atPath: destination.path) { try files.removeItem(at: destination) }
                try files.moveItem(at: unpacked, to: destination)
                struct Report: Encodable {
                    var volume: String
                    var folder: String
                    var snapshot: BackupSnapshot
                    var seconds: Double
                }
                try printer.result(Report(volume: volume, folder: folder, snapshot: snapshot, seconds: Date().timeIntervalSince(started))) {
                    "\(volume): downloaded snapshot \(snapshot.snapshot) (\(Backup.summary(snapshot))) into \(folder), checksum verified"
                }
            }
        }

        struct List: BerthCommand {
            static let configuration = CommandConfiguration(
                commandName: "ls",
                abstract: "List a folder of a volume.",
                discussion: """
                    Runs the backup task with the volume mounted read-only and prints each entry with its mode, \
                    owner, size and time, then the files and bytes under the folder.

                    Examples:
                      berth volume ls data-ghost --env prod
                      berth volume ls data-ghost /images/2026 --env prod --output json
                    """)

            @OptionGroup var globals: GlobalOptions

            @Argument(help: ArgumentHelp("The named volume.", valueName: "volume"))
            var volume: String

            @Argument(help: ArgumentHelp("A path in the volume (default: its top).", valueName: "path"))
            var path: String = "/"

            @Option(help: ArgumentHelp("Give up waiting after this many minutes (the task runs on).", valueName: "minutes"))
            var timeout: Double = 10

            func validate() throws {
                guard Volume.volumePath(path) != nil else {
                    throw ValidationError("\(path) is not a path in a volume: no `..`, no control characters, e.g. /images/2026")
                }
            }

            func run(_ context: CommandContext) async throws {
                let (deployment, backups, place) = try await context.backups()
                _ = try context.backedUpVolumes([volume], in: deployment.site)
                let printer = context.printer
                let listing = try await VolumeTransfer(backups: backups).list(
                    volume, path: Volume.volumePath(path) ?? "/", in: place, waiter: .operations(timeout: timeout * 60),
                    progress: { printer.progress($0) })
                try printer.result(listing) { Volume.text(listing) }
            }
        }

        // MARK: Shared

        static func isOwner(_ text: String) -> Bool {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && UInt32($0) != nil }
        }

        /// `/a/b` from `a/b`, `/a/b/`; nil for `..` or control characters (the path reaches a shell).
        static func volumePath(_ text: String) -> String? {
            let parts = text.split(separator: "/")
            guard !parts.contains(".."), !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
            return "/" + parts.filter { $0 != "." }.joined(separator: "/")
        }

        /// The owner of the volume's directory as the first service that mounts it sees it.
        static func owner(of volume: String, in site: Site) -> String? {
            guard let named = site.volume(named: volume),
                let service = site.services.first(where: { $0.mounts.contains { $0.kind == .volume && $0.source == volume } })
            else { return nil }
            let owner = DesiredStateBuilder.owner(of: named, mountedBy: service)
            return "\(owner.uid):\(owner.gid)"
        }

        /// A backup of the volume before its files are replaced or merged into.
        static func safetySnapshot(
            _ volume: String, backups: SiteBackups, place: SiteBackups.Place, waiter: Waiter, printer: Printer
        ) async throws -> String {
            let safety = try await backups.backUp([volume], id: BackupSnapshot.id(), in: place, waiter: waiter, progress: { printer.progress($0) })
            let id = safety.snapshots.first?.snapshot ?? ""
            printer.progress("safety snapshot \(id) of \(volume) stored")
            return id
        }

        /// `ls -l` in short: mode, owner, size, time, name; then the totals.
        static func text(_ listing: VolumeTransfer.Listing) -> String {
            // `2026-12-04T20:25:19Z` → `2026-12-04 20:25`, UTC.
            func minute(_ date: Date) -> String { String(AWSDate.iso8601(date).prefix(16)).replacingOccurrences(of: "T", with: " ") }
            let owners = listing.entries.map { "\($0.uid):\($0.gid)" }
            let sizes = listing.entries.map { ByteSize.text($0.size) }
            let ownerWidth = owners.map(\.count).max() ?? 0
            let sizeWidth = sizes.map(\.count).max() ?? 0
            var lines = listing.entries.indices.map { index in
                let entry = listing.entries[index]
                return entry.mode + " " + owners[index].padding(toLength: ownerWidth, withPad: " ", startingAt: 0) + " "
                    + String(repeating: " ", count: sizeWidth - sizes[index].count) + sizes[index] + " " + minute(entry.modified)
                    + " " + entry.name
            }
            lines.append("\(listing.volume):\(listing.path): \(listing.files) file\(listing.files == 1 ? "" : "s"), \(ByteSize.text(listing.bytes))")
            return lines.joined(separator: "\n")
        }
    }
}
