import Foundation
import StackTemplates

/// Which kept data (see `RetainedData`) the environment's stack takes back, so that a deploy
/// after `down --infra`, after a failed first create or after `--recreate` finds the CMS's
/// uploads where they were instead of on a new, empty file system.
///
/// A volume's file system is the stack's own resource when the live stack holds one; else the
/// one the stack already took back (its parameter), while it exists; else the fullest kept file
/// system made for that volume (ties: the newest). The same for the backup bucket. Pure: the
/// caller reads the stack and the tagged data.
package struct RetainedDataAdoption: Sendable, Equatable {
    /// Taken back, by volume name.
    package var fileSystems: [String: String] = [:]
    package var bucket: String?
    /// Kept data nothing takes back: `status` lists it, `down --delete-data` deletes it.
    package var unused = RetainedData()
    /// What plan and deploy say about it.
    package var notes: [String] = []

    /// - Parameter data: the environment's tagged data; nil when it was not read because the
    ///   stack already holds or has taken back everything (then its parameters are trusted).
    package init(input: InfraStackInput, stack: ObservedStack?, data: RetainedData?) {
        // A stack whose create rolled back holds nothing: what it made and kept is kept data.
        let live = stack?.provisioned == true ? stack : nil
        // The live stack's own, and the file systems this compose file names as `external`.
        var claimed = Set(live?.physicalIds.values.map { $0 } ?? []).union(input.volumes.compactMap(\.externalFileSystem))
        let existing = data.map { Set($0.fileSystems.map(\.id)) }
        let data = data ?? RetainedData()
        for volume in input.ownedVolumes {
            if live?.physicalIds[StackLogicalID.fileSystem(volume: volume.logicalId)] != nil { continue }
            if let taken = live?.parameters[StackLogicalID.keptFileSystemParameter(volume: volume.logicalId)] {
                if existing?.contains(taken) ?? true {
                    fileSystems[volume.name] = taken
                    claimed.insert(taken)
                    continue
                }
                notes.append("volume \(volume.name): its file system \(taken) no longer exists; the stack makes a new, empty one")
            }
            // One with mount targets is some other stack's (an `external:` volume elsewhere).
            let candidates = data.fileSystems.filter { $0.volume == volume.name && !claimed.contains($0.id) && !$0.inUse }
            guard let chosen = candidates.max(by: Self.emptierOrOlder) else { continue }
            fileSystems[volume.name] = chosen.id
            claimed.insert(chosen.id)
            notes.append("volume \(volume.name): takes back file system \(chosen.id)\(Self.describe(chosen)), kept from an earlier stack")
        }
        if live?.physicalIds[StackLogicalID.backupBucket] == nil {
            let taken = live?.parameters[StackLogicalID.keptBackupBucketParameter]
            if let taken, existing == nil || data.buckets.contains(taken) {
                bucket = taken
            } else if let chosen = data.buckets.first(where: { !claimed.contains($0) }) {
                bucket = chosen
                notes.append("backup bucket: takes back \(chosen), kept from an earlier stack")
            }
            if let bucket { claimed.insert(bucket) }
        }
        unused = RetainedData(
            fileSystems: data.fileSystems.filter { !claimed.contains($0.id) && !$0.inUse }, buckets: data.buckets.filter { !claimed.contains($0) })
        for fileSystem in unused.fileSystems {
            notes.append(
                "\(fileSystem.label)\(Self.describe(fileSystem)) is kept but unused; `berth down --infra --delete-data` deletes it"
            )
        }
        for bucket in unused.buckets {
            notes.append("backup bucket \(bucket) is kept but unused; `berth down --infra --delete-data` deletes it")
        }
    }

    /// Whether the live stack holds (or has taken back) every owned volume's file system and
    /// the bucket, so the tagged data need not be read: a deploy with nothing to change stays at
    /// its few reads.
    package static func stackHoldsEverything(_ input: InfraStackInput, _ stack: ObservedStack?) -> Bool {
        guard let stack, stack.provisioned else { return false }
        func holds(_ resource: String, _ parameter: String) -> Bool { stack.physicalIds[resource] != nil || stack.parameters[parameter] != nil }
        return holds(StackLogicalID.backupBucket, StackLogicalID.keptBackupBucketParameter)
            && input.ownedVolumes.allSatisfy {
                holds(StackLogicalID.fileSystem(volume: $0.logicalId), StackLogicalID.keptFileSystemParameter(volume: $0.logicalId))
            }
    }

    /// The input with the taken-back ids, which the template turns into parameters.
    package func applied(to input: InfraStackInput) -> InfraStackInput {
        var input = input
        for index in input.volumes.indices where input.volumes[index].externalFileSystem == nil {
            input.volumes[index].keptFileSystem = fileSystems[input.volumes[index].name]
        }
        input.keptBackupBucket = bucket
        return input
    }

    static func emptierOrOlder(_ a: RetainedData.FileSystem, _ b: RetainedData.FileSystem) -> Bool {
        if (a.sizeBytes ?? 0) != (b.sizeBytes ?? 0) { return (a.sizeBytes ?? 0) < (b.sizeBytes ?? 0) }
        return (a.created ?? .distantPast) < (b.created ?? .distantPast)
    }

    static func describe(_ fileSystem: RetainedData.FileSystem) -> String {
        fileSystem.sizeBytes.map { " (\(ByteSize.text($0)))" } ?? ""
    }
}

extension SiteBackend {
    /// What the environment's stack takes back, read from AWS only when it could take anything.
    package func retainedDataAdoption(input: InfraStackInput, stack: ObservedStack?) async throws -> RetainedDataAdoption {
        guard !RetainedDataAdoption.stackHoldsEverything(input, stack) else {
            return RetainedDataAdoption(input: input, stack: stack, data: nil)
        }
        return RetainedDataAdoption(
            input: input, stack: stack, data: try await taggedData(project: input.names.project, environment: input.names.environment))
    }
}
