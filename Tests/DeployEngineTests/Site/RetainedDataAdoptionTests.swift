import DeployEngine
import Foundation
import StackTemplates
import Testing

/// Which kept file systems and bucket a stack takes back (issue 12, item 2): the CMS's uploads
/// must be where they were after `down --infra`, a failed first create or `--recreate`.
struct RetainedDataAdoptionTests {
    let input: InfraStackInput
    let fileSystemId: String
    let keptParameter: String

    init() throws {
        input = InfraStackInput(site: try SiteDeployerTests.Fixture().site, environmentName: "dev")
        let volume = try #require(input.ownedVolumes.first).logicalId
        fileSystemId = StackLogicalID.fileSystem(volume: volume)
        keptParameter = StackLogicalID.keptFileSystemParameter(volume: volume)
    }

    func kept(_ id: String, _ volume: String? = "content", size: Int64? = nil, created: TimeInterval? = nil) -> RetainedData.FileSystem {
        RetainedData.FileSystem(id: id, volume: volume, sizeBytes: size, created: created.map(Date.init(timeIntervalSince1970:)))
    }

    @Test func withoutAStackTheFullestFileSystemOfTheVolumeAndTheBucketComeBack() {
        let data = RetainedData(
            fileSystems: [
                kept("fs-empty", size: 6_144, created: 200), kept("fs-uploads", size: 52_000_000, created: 100), kept("fs-other", "media"),
            ],
            buckets: ["shop-dev-backupbucket-a"])
        let adoption = RetainedDataAdoption(input: input, stack: nil, data: data)
        #expect(adoption.fileSystems == ["content": "fs-uploads"])
        #expect(adoption.bucket == "shop-dev-backupbucket-a")
        #expect(adoption.unused.fileSystems.map(\.id) == ["fs-empty", "fs-other"])
        #expect(adoption.notes.first == "volume content: takes back file system fs-uploads (52.0 MB), kept from an earlier stack")
        #expect(adoption.notes.contains { $0.hasPrefix("file system fs-other (volume media) is kept but unused") })
        let applied = adoption.applied(to: input)
        #expect(applied.ownedVolumes.first?.keptFileSystem == "fs-uploads" && applied.keptBackupBucket == "shop-dev-backupbucket-a")
    }

    @Test func equalSizesPreferTheNewest() {
        let data = RetainedData(fileSystems: [kept("fs-old", size: 6_144, created: 100), kept("fs-new", size: 6_144, created: 300)])
        #expect(RetainedDataAdoption(input: input, stack: nil, data: data).fileSystems == ["content": "fs-new"])
    }

    @Test func aLiveStackKeepsItsOwnFileSystemAndBucket() {
        let stack = ObservedStack(outputs: [:], physicalIds: [fileSystemId: "fs-live", StackLogicalID.backupBucket: "live-bucket"])
        let data = RetainedData(fileSystems: [kept("fs-live"), kept("fs-older", size: 9_999_999)], buckets: ["live-bucket", "old-bucket"])
        let adoption = RetainedDataAdoption(input: input, stack: stack, data: data)
        #expect(adoption.fileSystems.isEmpty && adoption.bucket == nil)
        #expect(adoption.unused == RetainedData(fileSystems: [kept("fs-older", size: 9_999_999)], buckets: ["old-bucket"]))
        #expect(RetainedDataAdoption.stackHoldsEverything(input, stack))
    }

    @Test func whatTheStackTookBackStaysTakenWithoutReadingTags() {
        let stack = ObservedStack(
            outputs: [:], physicalIds: [:],
            parameters: [keptParameter: "fs-taken", StackLogicalID.keptBackupBucketParameter: "b"])
        #expect(RetainedDataAdoption.stackHoldsEverything(input, stack))
        let adoption = RetainedDataAdoption(input: input, stack: stack, data: nil)
        #expect(adoption.fileSystems == ["content": "fs-taken"] && adoption.bucket == "b" && adoption.notes.isEmpty)
        // Read, the taken one still wins over a fuller one.
        let read = RetainedDataAdoption(
            input: input, stack: stack, data: RetainedData(fileSystems: [kept("fs-taken"), kept("fs-big", size: 1 << 40)], buckets: ["b"]))
        #expect(read.fileSystems == ["content": "fs-taken"])
    }

    @Test func aTakenFileSystemDeletedMeanwhileIsSaidAndReplaced() {
        let stack = ObservedStack(outputs: [:], parameters: [keptParameter: "fs-gone"])
        let adoption = RetainedDataAdoption(input: input, stack: stack, data: RetainedData())
        #expect(adoption.fileSystems.isEmpty)
        #expect(adoption.notes == ["volume content: its file system fs-gone no longer exists; the stack makes a new, empty one"])
    }

    /// A first create that rolled back kept what it made (Retain): the recreated stack takes it.
    @Test func aRolledBackStackHoldsNothing() {
        let stack = ObservedStack(outputs: [:], physicalIds: [fileSystemId: "fs-rolled", StackLogicalID.backupBucket: "rolled"], provisioned: false)
        let adoption = RetainedDataAdoption(input: input, stack: stack, data: RetainedData(fileSystems: [kept("fs-rolled")], buckets: ["rolled"]))
        #expect(adoption.fileSystems == ["content": "fs-rolled"] && adoption.bucket == "rolled")
        #expect(!RetainedDataAdoption.stackHoldsEverything(input, stack))
    }

    /// Never another stack's: a file system with mount targets (another environment's
    /// `external:` volume) or one this file names as external is neither taken nor "unused".
    @Test func aFileSystemInUseElsewhereOrExternalIsNeverTaken() throws {
        var busy = kept("fs-busy", size: 9_000_000)
        busy.mountTargets = 2
        var external = input
        external.volumes.append(.init(name: "shared", logicalId: "Shared", externalFileSystem: "fs-named"))
        let adoption = RetainedDataAdoption(input: external, stack: nil, data: RetainedData(fileSystems: [busy, kept("fs-named"), kept("fs-free")]))
        #expect(adoption.fileSystems == ["content": "fs-free"])
        #expect(adoption.unused.isEmpty)
    }

    @Test func sizesReadAsEFSShowsThem() {
        #expect(ByteSize.text(512) == "512 B")
        #expect(ByteSize.text(6_144) == "6.1 kB")
        #expect(ByteSize.text(1_500_000_000) == "1.5 GB")
    }
}
