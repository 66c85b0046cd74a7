import AWSRuntime
import AWSServices
import Foundation
import SigV4
import StackTemplates

/// `berth backup` and `berth restore`: runs the stack's backup and restore tasks at once, and
/// reads the snapshots in the backup bucket. The tasks and their scripts are the stack's
/// (`InfraStack.backups`); Berth only starts them with overrides and reads what they wrote.
package struct SiteBackups: Sendable {
    let client: AWSClient
    let names: Names

    package init(client: AWSClient, names: Names) {
        self.client = client
        self.names = names
    }

    /// Where the tasks run and what they write to, from the deployed stack's outputs.
    package struct Place: Sendable, Equatable {
        package var bucket: String
        package var cluster: String
        package var subnets: [String]
        package var securityGroup: String
        package var assignPublicIp: String

        package init(bucket: String, cluster: String, subnets: [String], securityGroup: String, assignPublicIp: String) {
            self.bucket = bucket
            self.cluster = cluster
            self.subnets = subnets
            self.securityGroup = securityGroup
            self.assignPublicIp = assignPublicIp
        }

        /// Where the backup and restore tasks run.
        var network: OneOffTask.Network {
            OneOffTask.Network(cluster: cluster, subnets: subnets, securityGroup: securityGroup, assignPublicIp: assignPublicIp)
        }
    }

    package typealias TaskRun = OneOffTask.Run

    package func place() async throws -> Place {
        guard let stack = try await CloudFormationClient(client).describeStack(names.stack), !stack.StackStatus.isDeleted else {
            throw DeployError("\(names.stack) is not deployed", hint: "run `berth deploy` first")
        }
        let outputs = stack.outputValues
        guard let group = outputs[.backupSecurityGroup], let bucket = outputs[.backupBucket], let cluster = outputs[.cluster],
            let subnets = outputs[.subnets]
        else {
            throw DeployError(
                "the stack \(names.stack) has no backup task", hint: "run `berth deploy` to add it (it needs a named volume that Berth makes)")
        }
        return Place(
            bucket: bucket, cluster: cluster, subnets: subnets.split(separator: ",").map(String.init), securityGroup: group,
            assignPublicIp: outputs[.assignPublicIp] ?? "ENABLED")
    }

    // MARK: Snapshots

    /// The complete snapshots (those with a manifest) of one volume or all, newest first per volume.
    package func snapshots(in place: Place, volume: String? = nil) async throws -> [BackupSnapshot] {
        let s3 = S3Client(client)
        let prefix = volume.map { names.snapshotsPrefix(volume: $0) } ?? names.backupPrefix + "/"
        let manifests = try await s3.listObjectsV2(bucket: place.bucket, prefix: prefix).collect { $0 }.map(\.Key).filter {
            $0.hasSuffix("/" + Names.SnapshotFile.manifest.rawValue)
        }
        let found = try await manifests.concurrentMap(limit: 8) { key in
            try Self.decode(try await s3.getObject(bucket: place.bucket, key: key), key: key)
        }
        return found.sorted { ($0.volume, $1.snapshot) < ($1.volume, $0.snapshot) }
    }

    /// One snapshot's manifest; nil when the snapshot is missing or incomplete.
    package func snapshot(_ id: String, volume: String, in place: Place) async throws -> BackupSnapshot? {
        let key = names.snapshotKey(volume: volume, snapshot: id, file: .manifest)
        do {
            return try Self.decode(try await S3Client(client).getObject(bucket: place.bucket, key: key), key: key)
        } catch let error as AWSServiceError where error.code == "NoSuchKey" || error.httpStatus == 404 {
            return nil
        }
    }

    static func decode(_ data: Data, key: String) throws -> BackupSnapshot {
        do {
            return try JSONDecoder().decode(BackupSnapshot.self, from: data)
        } catch {
            throw DeployError("the manifest \(key) in the backup bucket is not one Berth wrote", hint: "remove it, or look at it with `aws s3 cp`")
        }
    }

    // MARK: Running the tasks

    /// Backs `volumes` up now as snapshot `id` and waits; the manifests of what was stored.
    package func backUp(
        _ volumes: [String], id: String, in place: Place, waiter: Waiter, progress: @escaping @Sendable (String) -> Void
    ) async throws -> (run: TaskRun, snapshots: [BackupSnapshot]) {
        let run = try await runTask(
            family: names.backupTaskFamily, in: place, purpose: "backup",
            containers: [BackupTask.archiveContainer, BackupTask.uploadContainer], logPrefix: BackupTask.backupLogPrefix,
            overrides: [
                BackupTask.archiveContainer: [
                    (BackupTask.Variable.only, volumes.joined(separator: " ")), (BackupTask.Variable.snapshot, id),
                ]
            ],
            token: "berth-backup-\(id)-" + Self.digest(volumes.joined(separator: " ")), waiter: waiter, progress: progress)
        var stored: [BackupSnapshot] = []
        for volume in volumes {
            guard let snapshot = try await snapshot(id, volume: volume, in: place) else {
                throw DeployError(
                    "the backup task \(run.taskId) finished, but snapshot \(id) of \(volume) is not complete in \(place.bucket)",
                    hint: "`berth logs` shows the task's output")
            }
            stored.append(snapshot)
        }
        return (run, stored)
    }

    /// Writes snapshot `id` back into `volume` and waits. The task checks the archive's SHA-256
    /// and the file count and bytes against the manifest, and leaves the volume as it was when
    /// either differs.
    package func restore(
        _ volume: String, id: String, in place: Place, waiter: Waiter, progress: @escaping @Sendable (String) -> Void
    ) async throws -> TaskRun {
        try await runTask(
            family: names.restoreTaskFamily, in: place, purpose: "restore",
            containers: [BackupTask.downloadContainer, BackupTask.extractContainer], logPrefix: BackupTask.restoreLogPrefix,
            overrides: [
                BackupTask.downloadContainer: [(BackupTask.Variable.volume, volume), (BackupTask.Variable.snapshot, id)],
                BackupTask.extractContainer: [(BackupTask.Variable.volume, volume), (BackupTask.Variable.snapshot, id)],
            ],
            token: "berth-restore-\(id)-" + Self.digest(volume + " " + BackupSnapshot.id()), waiter: waiter, progress: progress)
    }

    private func runTask(
        family: String, in place: Place, purpose: String, containers: [String], logPrefix: String, overrides: [String: [(String, String)]],
        token: String, waiter: Waiter, progress: @escaping @Sendable (String) -> Void
    ) async throws -> TaskRun {
        try await OneOffTask(client: client, names: names, network: place.network).run(
            family: family, purpose: purpose, containers: containers, logPrefix: logPrefix, overrides: overrides, token: token,
            waiter: waiter, progress: progress)
    }

    static func digest(_ text: String) -> String { String(sha256Hex(Data(text.utf8)).prefix(12)) }
}
