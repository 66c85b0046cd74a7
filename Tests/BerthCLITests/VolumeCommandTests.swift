import DeployEngine
import Foundation
import Testing

@testable import BerthCLI

/// `berth volume`'s pure parts: which paths and owners it takes, how a listing and a transfer's
/// progress read, and what it counts in a folder (as the scripts count it in a volume).
struct VolumeCommandTests {
    @Test func pathsInAVolumeCannotLeaveIt() {
        #expect(Berth.Volume.volumePath("/") == "/")
        #expect(Berth.Volume.volumePath("images/2026/") == "/images/2026")
        #expect(Berth.Volume.volumePath("./a/./b") == "/a/b")
        #expect(Berth.Volume.volumePath("/a/../../etc") == nil)
        #expect(Berth.Volume.volumePath("/a\nb") == nil)
    }

    @Test func ownersAreNumeric() {
        #expect(Berth.Volume.isOwner("1000:1000") && Berth.Volume.isOwner("0:0"))
        #expect(!Berth.Volume.isOwner("node:node") && !Berth.Volume.isOwner("1000") && !Berth.Volume.isOwner(":1") && !Berth.Volume.isOwner("-1:0"))
    }

    @Test func aListingReadsLikeLsL() {
        let listing = VolumeTransfer.Listing(
            volume: "data", path: "/",
            entries: [
                .init(mode: "drwxr-xr-x", uid: 0, gid: 0, size: 4096, modified: Date(timeIntervalSince1970: 1_796_415_919), name: "images"),
                .init(mode: "-rw-------", uid: 1000, gid: 1000, size: 6, modified: Date(timeIntervalSince1970: 1_796_415_919), name: "a note.txt"),
            ], files: 7, bytes: 104_857_606)
        #expect(
            Berth.Volume.text(listing) == """
                drwxr-xr-x 0:0       4.1 kB 2026-12-04 20:25 images
                -rw------- 1000:1000    6 B 2026-12-04 20:25 a note.txt
                data:/: 7 files, 104.9 MB
                """)
    }

    @Test func progressShowsBytesShareAndRate() {
        #expect(
            TransferProgress.line("upload", done: 48_000_000, total: 100_000_000, seconds: 4) == "upload  48.0 MB of 100.0 MB (48%), 12.0 MB/s")
    }

    /// Regular files and their bytes; symlinks and folders are not files, as `find -type f` has it.
    @Test func aFolderIsCountedAsTheScriptsCountAVolume() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("berth-count-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try Data("hello".utf8).write(to: root.appendingPathComponent("a/b/one"))
        try Data().write(to: root.appendingPathComponent("empty"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: "a/b/one")
        let counted = try LocalArchive.contents(of: root.path)
        #expect(counted.files == 2 && counted.bytes == 5)
    }
}
