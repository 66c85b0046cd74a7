/// The one-off tasks that copy volumes to the backup bucket and back: what their containers are
/// called, what they run, what they read, and where things are inside them. The infrastructure
/// stack declares them (`InfraStack.backups`); `berth backup` and `berth restore` run them with
/// overrides of these variables.
package enum BackupTask {
    /// The backup task's containers, in order: tar the volumes, then upload them.
    package static let archiveContainer = "archive"
    package static let uploadContainer = "upload"
    /// The restore task's containers: download and verify, then unpack into the volume.
    package static let downloadContainer = "download"
    package static let extractContainer = "extract"

    /// The awslogs stream prefixes: `backup/archive/<task id>`, `restore/extract/<task id>`.
    package static let backupLogPrefix = "backup"
    package static let restoreLogPrefix = "restore"

    /// Task-local storage the two containers of a task share (Fargate ephemeral storage).
    package static let stagingVolume = "staging"
    package static let stagingPath = "/berth/staging"
    /// GiB of ephemeral storage: the compressed archive of the largest volume must fit.
    package static let ephemeralStorageGiB = 50

    /// Where a volume's file system (its root) is mounted in the task.
    package static func mountPath(volume: String) -> String { "/berth/volumes/" + Names.slug(volume) }

    /// The environment variables the scripts (`BackupScripts`) read.
    package enum Variable {
        /// `name=mount-path …`: every volume the task can reach.
        package static let volumes = "BERTH_VOLUMES"
        /// `name=/directory …`: where each volume's files are in its file system.
        package static let directories = "BERTH_DIRECTORIES"
        /// `name=fs-id:/directory …`: recorded in the manifest as the snapshot's source.
        package static let sources = "BERTH_SOURCES"
        /// Space-separated volume names: back up only these (default: all).
        package static let only = "BERTH_ONLY"
        /// The snapshot's id (default: the UTC time the archive step starts, `20261204T030000Z`).
        package static let snapshot = "BERTH_SNAPSHOT"
        /// The one volume a restore writes.
        package static let volume = "BERTH_VOLUME"
        package static let staging = "BERTH_STAGING"
        package static let bucket = "BERTH_BUCKET"
        /// The first part of every key: the environment (see `Names.backupPrefix`).
        package static let prefix = "BERTH_PREFIX"
        /// The word the extract step's lines start with: `restore` (default) or `upload`.
        package static let action = "BERTH_ACTION"
        /// How the extract step treats files in the volume: `replace` (default), `empty` (refuse
        /// a volume with files) or `merge` (keep those the archive lacks).
        package static let mode = "BERTH_MODE"
        /// `UID:GID` every unpacked file gets (uploads).
        package static let owner = "BERTH_OWNER"
        /// `berth volume ls`: the path in the volume to list.
        package static let path = "BERTH_PATH"
    }
}

extension Names {
    /// The task definition families of the environment's backup and restore tasks.
    package var backupTaskFamily: String { stack + "-backup" }
    package var restoreTaskFamily: String { stack + "-restore" }

    /// Snapshots are `<prefix>/<volume>/<snapshot>/{data.tar.gz,manifest.json}` in the
    /// environment's bucket; the prefix is the environment, as the bucket may be kept and shared
    /// by a later stack of another name.
    package var backupPrefix: String { Self.slug(environment) }
    package func snapshotsPrefix(volume: String) -> String { backupPrefix + "/" + volume + "/" }
    package func snapshotKey(volume: String, snapshot: String, file: SnapshotFile) -> String {
        snapshotsPrefix(volume: volume) + snapshot + "/" + file.rawValue
    }

    package enum SnapshotFile: String, Sendable {
        case archive = "data.tar.gz"
        case manifest = "manifest.json"
    }
}
