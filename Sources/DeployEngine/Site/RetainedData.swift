import Foundation

/// What an environment keeps beyond its stacks: the EFS file systems and backup buckets that
/// CloudFormation retains (DeletionPolicy Retain) when a stack is deleted, rolls back a failed
/// create or drops a renamed volume. Found by their `berth:project` and `berth:environment`
/// tags, because no stack lists them any more; `deploy` takes them back (see
/// `RetainedDataAdoption`), `status` lists them and `down --delete-data` deletes them.
package struct RetainedData: Sendable, Equatable, Encodable {
    package struct FileSystem: Sendable, Equatable, Encodable {
        package var id: String
        /// The compose volume it was made for (`berth:volume`); nil when the tag is missing.
        package var volume: String?
        /// EFS's metered size, a few hours old at most.
        package var sizeBytes: Int64?
        package var created: Date?
        /// Mount targets it has now: some stack uses it (another environment's `external:`
        /// volume, for one), so it is neither taken over nor deleted.
        package var mountTargets = 0

        package var inUse: Bool { mountTargets > 0 }

        /// `file system fs-… (volume cms-uploads)`, as every message names one.
        package var label: String { "file system \(id)" + (volume.map { " (volume \($0))" } ?? "") }

        package init(id: String, volume: String?, sizeBytes: Int64? = nil, created: Date? = nil) {
            self.id = id
            self.volume = volume
            self.sizeBytes = sizeBytes
            self.created = created
        }
    }

    package var fileSystems: [FileSystem]
    package var buckets: [String]

    package init(fileSystems: [FileSystem] = [], buckets: [String] = []) {
        self.fileSystems = fileSystems
        self.buckets = buckets
    }

    package var isEmpty: Bool { fileSystems.isEmpty && buckets.isEmpty }
}
