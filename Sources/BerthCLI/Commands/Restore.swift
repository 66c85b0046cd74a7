import AWSRuntime
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// Puts a snapshot back into its volume, after taking a safety snapshot of what is there.
    struct Restore: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Restore a volume from a snapshot in the backup bucket.",
            discussion: """
                First a safety snapshot of the volume as it is now, then the restore task: it downloads the \
                snapshot, checks its SHA-256 against the manifest, unpacks it next to the volume's files, checks \
                the file count and bytes, and swaps the files in. Any mismatch leaves the volume as it was. \
                The services that mount the volume are stopped meanwhile (desired count 0, then back), so \
                nothing writes while the files are swapped; --keep-running leaves them running (for readers). \
                `berth backup list VOLUME` lists the snapshots.

                Examples:
                  berth restore cms-content 20261204T030000Z --env prod
                  berth restore cms-content 20261204T030000Z --env dev --yes
                """)

        @OptionGroup var globals: GlobalOptions

        @Argument(help: ArgumentHelp("The volume to restore.", valueName: "volume"))
        var volume: String

        @Argument(help: ArgumentHelp("The snapshot (from berth backup list), e.g. 20261204T030000Z.", valueName: "snapshot"))
        var snapshot: String

        @Flag(name: .shortAndLong, help: "Do not ask; for scripts.")
        var yes = false

        @Flag(help: "Leave the services that mount the volume running during the restore.")
        var keepRunning = false

        @Option(help: ArgumentHelp("Give up waiting after this many minutes (the task runs on).", valueName: "minutes"))
        var timeout: Double = 60

        /// The ECS services (tasks) whose containers mount the volume: stopped while its files are swapped.
        static func writers(of volume: String, in site: Site) -> [String] {
            let users = site.services.filter { $0.mounts.contains { $0.kind == .volume && $0.source == volume } }.map(\.name)
            return users.compactMap { site.task(containing: $0)?.name }.uniqued()
        }

        func validate() throws {
            guard BackupSnapshot.isId(snapshot) else {
                throw ValidationError("\(snapshot) is not a snapshot id; `berth backup list \(volume)` lists them (e.g. 20261204T030000Z)")
            }
        }

        func run(_ context: CommandContext) async throws {
            let (deployment, backups, place) = try await context.backups()
            _ = try context.backedUpVolumes([volume], in: deployment.site)
            guard let chosen = try await backups.snapshot(snapshot, volume: volume, in: place) else {
                throw BadInputError(
                    "there is no complete snapshot \(snapshot) of \(volume) in \(place.bucket)", hint: "`berth backup list \(volume)` lists them")
            }
            let tasks = Restore.writers(of: volume, in: deployment.site)
            if !yes {
                let prompter = context.prompter
                guard prompter.isInteractive else {
                    throw BadInputError(
                        "restore replaces the files of volume \(volume) and needs confirmation", hint: "run it on a terminal, or pass --yes")
                }
                let question =
                    "Replace the files of volume \(volume) of \(deployment.names.stack) with snapshot \(snapshot) (\(Backup.summary(chosen)))?"
                    + (tasks.isEmpty
                        ? ""
                        : keepRunning
                            ? " \(tasks.joined(separator: ", ")) keep\(tasks.count == 1 ? "s" : "") running meanwhile."
                            : " \(tasks.joined(separator: ", ")) \(tasks.count == 1 ? "is" : "are") stopped meanwhile.")
                guard prompter.confirm(question) else { throw BadInputError("nothing was restored", hint: nil) }
            }
            let printer = context.printer
            let waiter = Waiter.operations(timeout: timeout * 60)
            let safety = try await backups.backUp(
                [volume], id: BackupSnapshot.id(), in: place, waiter: waiter, progress: { printer.progress($0) })
            let safetyId = safety.snapshots.first?.snapshot ?? ""
            printer.progress("safety snapshot \(safetyId) of \(volume) stored")
            let stopped =
                keepRunning ? [:] : try await backups.stopWriters(tasks, in: place, waiter: waiter, progress: { printer.progress($0) })
            let run: SiteBackups.TaskRun
            do {
                run = try await backups.restore(volume, id: snapshot, in: place, waiter: waiter, progress: { printer.progress($0) })
            } catch {
                await backups.startWriters(stopped, in: place, progress: { printer.progress($0) })
                throw error
            }
            await backups.startWriters(stopped, in: place, progress: { printer.progress($0) })
            struct Report: Encodable {
                var volume: String
                var restored: BackupSnapshot
                var safetySnapshot: String
                var task: String
            }
            try printer.result(Report(volume: volume, restored: chosen, safetySnapshot: safetyId, task: run.taskId)) {
                (run.output.filter { $0.hasPrefix("restore:") } + [
                    "\(volume): restored snapshot \(snapshot) (\(Backup.summary(chosen))), checksum verified",
                    "the files it replaced are snapshot \(safetyId): berth restore \(volume) \(safetyId) puts them back",
                ]).joined(separator: "\n")
            }
        }
    }
}
