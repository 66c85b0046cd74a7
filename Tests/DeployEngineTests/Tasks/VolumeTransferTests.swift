import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import StackTemplates
import Testing

@testable import DeployEngine

/// The pure parts of `berth volume`: the list script's lines, the extract step's "has files"
/// line, and the one AWS limit the listing's RunTask must keep.
struct VolumeTransferTests {
    @Test func theListScriptsLinesBecomeEntriesAndTotals() {
        let lines = [
            "berth-ls -rw-r--r-- 1000 1000 6 1796415919 ./a note.txt",
            "berth-ls drwx------ 0 0 4096 1796415000 ./private",
            "berth-ls lrwxrwxrwx 1000 1000 14 1796415919 ./latest",
            "something else the task printed",
            "berth-ls-total 5 104927624",
        ]
        let listing = VolumeTransfer.listing(lines, volume: "data", path: "/")
        #expect(listing.entries.map(\.name) == ["a note.txt", "latest", "private"])
        #expect(
            listing.entries[0]
                == .init(mode: "-rw-r--r--", uid: 1000, gid: 1000, size: 6, modified: Date(timeIntervalSince1970: 1_796_415_919), name: "a note.txt"))
        #expect(listing.files == 5 && listing.bytes == 104_927_624)
    }

    @Test func aVolumeWithFilesIsReadFromItsLine() throws {
        let counts = try #require(VolumeTransfer.notEmptyCounts("berth-not-empty 12 3400"))
        #expect(counts.files == 12 && counts.bytes == 3400)
        #expect(VolumeTransfer.notEmptyCounts("upload: data already has files") == nil)
    }

    /// RunTask takes at most 8,192 characters of overrides, JSON included: the listing sends its
    /// scripts there, so they must fit with room for the variables.
    @Test func theListingsOverridesFitRunTasksLimit() throws {
        let overrides = OneOffTask.containerOverrides(
            [BackupTask.archiveContainer, BackupTask.uploadContainer],
            environment: [
                BackupTask.archiveContainer: [
                    (BackupTask.Variable.volume, String(repeating: "v", count: 255)),
                    (BackupTask.Variable.path, "/" + String(repeating: "p", count: 1024)),
                ]
            ],
            commands: [BackupTask.archiveContainer: BackupScripts.list, BackupTask.uploadContainer: BackupScripts.listed])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let size = try encoder.encode(ECSClient.TaskOverride(containerOverrides: overrides)).count
        #expect(size < OneOffTask.overridesLimit, "\(size) characters")
        #expect(overrides.map(\.name) == [BackupTask.archiveContainer, BackupTask.uploadContainer])
    }

    @Test func aManifestMadeHereReadsAsTheScriptsRead() throws {
        let snapshot = BackupSnapshot(
            format: BackupSnapshot.format, volume: "data", snapshot: "20261204T030000Z",
            created: BackupSnapshot.timestamp(at: Date(timeIntervalSince1970: 0)),
            files: 3, bytes: 42, archive: "data.tar.gz", archiveBytes: 40, sha256: String(repeating: "a", count: 64), source: "upload:./data/site")
        let text = String(decoding: try snapshot.manifestJSON(), as: UTF8.self)
        // The scripts' sed looks for `"files":3` and `"sha256":"…"`, and takes `/` as it is.
        #expect(text.contains(#""files":3"#) && text.contains(#""bytes":42"#) && text.contains(#""source":"upload:./data/site""#))
        #expect(text.contains(#""created":"1970-01-01T00:00:00Z""#))
        #expect(try JSONDecoder().decode(BackupSnapshot.self, from: Data(text.utf8)) == snapshot)
    }
}

/// An upload that fails part-way leaves no snapshot and no parts: the multipart upload is
/// aborted (S3 keeps, and bills, the parts of one that is not) and the manifest never goes up,
/// so the restore task, which needs it, never touches the volume.
struct VolumeUploadInterruptionTests {
    @Test func aFailedPartAbortsTheUploadAndStoresNoManifest() async throws {
        let transport = FakeTransport { request, _ in
            let query = request.url.query ?? ""
            if request.method == "POST" && query.hasPrefix("uploads") {
                return FakeTransport.xml(200, "<InitiateMultipartUploadResult><UploadId>up-1</UploadId></InitiateMultipartUploadResult>")
            }
            if request.method == "PUT" && query.contains("partNumber=2") {
                return FakeTransport.xml(500, "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>")
            }
            if request.method == "PUT" { return HTTPResponse(status: 200, headers: ["etag": "\"e\""]) }
            return HTTPResponse(status: 204)
        }
        let client = AWSClient.forTesting(transport: transport)
        let transfer = VolumeTransfer(
            backups: SiteBackups(client: client, names: Names(project: "site", environment: "dev")), partSize: S3Client.minimumPartSize)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("berth-interrupted-\(UUID().uuidString).tar.gz")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(repeating: 1, count: 12 * 1024 * 1024).write(to: file)
        let place = SiteBackups.Place(bucket: "b", cluster: "c", subnets: [], securityGroup: "sg", assignPublicIp: "ENABLED")
        await #expect(throws: (any Error).self) {
            _ = try await transfer.store(
                .init(file: file, files: 1, bytes: 12, source: "./data"), volume: "data", id: "20261204T030000Z", in: place, transferred: { _, _ in })
        }
        let requests = transport.requests
        #expect(requests.contains { $0.method == "DELETE" && $0.url.query == "uploadId=up-1" }, "the upload is aborted")
        #expect(!requests.contains { $0.url.path.hasSuffix("/manifest.json") }, "no manifest, so no snapshot")
    }
}
