import AWSRuntime
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// The volumes' snapshots in the backup bucket: take one now, or list them.
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Back the site's volumes up to its S3 bucket now, or list the snapshots.",
            discussion: """
                The infrastructure stack runs a backup task on the x-berth.backup schedule (daily at 03:00 UTC \
                unless set): it archives each named volume Berth made (tar + gzip, owners, modes and symlinks \
                kept), with a manifest of file count, bytes and SHA-256, under ENV/VOLUME/SNAPSHOT/ in the \
                backup bucket. Snapshots older than the retention (35 days unless set) expire. A failed \
                backup notifies the alarm topic. `berth restore` brings a snapshot back.

                Examples:
                  berth backup now --env prod
                  berth backup list --env prod
                """,
            subcommands: [Now.self, List.self])

        struct Now: BerthCommand {
            static let configuration = CommandConfiguration(
                commandName: "now",
                abstract: "Run the backup task now and wait for it.",
                discussion: """
                    Examples:
                      berth backup now --env prod              every volume
                      berth backup now cms-content --env prod  one
                    """)

            @OptionGroup var globals: GlobalOptions

            @Argument(help: ArgumentHelp("Volumes to back up (default: every volume the schedule backs up).", valueName: "volume"))
            var volumes: [String] = []

            @Option(help: ArgumentHelp("Give up waiting after this many minutes (the task runs on).", valueName: "minutes"))
            var timeout: Double = 60

            func run(_ context: CommandContext) async throws {
                let (deployment, backups, place) = try await context.backups()
                let chosen = try context.backedUpVolumes(volumes, in: deployment.site)
                let id = BackupSnapshot.id()
                let printer = context.printer
                let result = try await backups.backUp(
                    chosen, id: id, in: place, waiter: .operations(timeout: timeout * 60),
                    progress: { printer.progress($0) })
                try printer.result(result.snapshots) {
                    result.snapshots.map { "\($0.volume): snapshot \($0.snapshot), " + Backup.summary($0) }.joined(separator: "\n")
                }
            }
        }

        struct List: BerthCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List the complete snapshots in the backup bucket, newest first.",
                discussion: """
                    A snapshot is complete once its manifest is stored, after its archive; an interrupted \
                    backup leaves none, and is not listed.

                    Examples:
                      berth backup list --env prod
                      berth backup list cms-content --env prod --output json
                    """)

            @OptionGroup var globals: GlobalOptions

            @Argument(help: ArgumentHelp("Only this volume's snapshots.", valueName: "volume"))
            var volume: String?

            func run(_ context: CommandContext) async throws {
                let (deployment, backups, place) = try await context.backups()
                if let volume { _ = try context.backedUpVolumes([volume], in: deployment.site) }
                let snapshots = try await backups.snapshots(in: place, volume: volume)
                try context.printer.result(snapshots) {
                    guard !snapshots.isEmpty else { return "no snapshots yet (berth backup now takes one)" }
                    let width = snapshots.map(\.volume.count).max() ?? 0
                    return snapshots.map { snapshot in
                        snapshot.volume.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(snapshot.snapshot)  " + Backup.summary(snapshot)
                    }.joined(separator: "\n")
                }
            }
        }

        static func summary(_ snapshot: BackupSnapshot) -> String {
            "\(snapshot.files) file\(snapshot.files == 1 ? "" : "s"), \(ByteSize.text(snapshot.bytes)) (archive \(ByteSize.text(snapshot.archiveBytes)))"
        }
    }
}

extension CommandContext {
    /// The deployed site's backups, and where its tasks run.
    func backups() async throws -> (Deployment, SiteBackups, SiteBackups.Place) {
        let deployment = try await loadDeployment(toleratingErrors: true)
        guard !deployment.site.backedUpVolumes.isEmpty else {
            throw BadInputError(
                deployment.site.berth.backup?.enabled == false
                    ? "backups are off for \(deployment.names.stack) (x-berth.backup: off)" : "\(deployment.names.stack) has no volume to back up",
                hint: "only named volumes that Berth makes are backed up")
        }
        let session = try awsSession(siteRegion: deployment.site.region)
        let backups = SiteBackups(client: session.client, names: deployment.names)
        return (deployment, backups, try await backups.place())
    }

    /// The named volumes, checked against those the backup takes; all of them for none.
    func backedUpVolumes(_ names: [String], in site: Site) throws -> [String] {
        let known = site.backedUpVolumes.map(\.name)
        for name in names where !known.contains(name) {
            let nearest = KeySuggestion.nearest(to: name, in: Set(known))
            throw BadInputError(
                site.volume(named: name) == nil ? "no volume \(name) in the compose file" : "volume \(name) is not backed up",
                hint: (nearest.map { "did you mean \($0)? " } ?? "") + "the backed-up volumes: \(known.joined(separator: ", "))")
        }
        return names.isEmpty ? known : names.uniqued()
    }
}
