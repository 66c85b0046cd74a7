import AWSRuntime
import Foundation
import SigV4

/// One snapshot of a volume, as its manifest says (`BackupScripts.archive` writes it next to the
/// archive, last, so a snapshot with a manifest is complete).
package struct BackupSnapshot: Codable, Sendable, Equatable {
    package var format: String
    package var volume: String
    /// The snapshot's id: the UTC time the backup started, `20261204T030000Z`.
    package var snapshot: String
    package var created: String
    /// Regular files, and the sum of their sizes, in the volume when it was archived.
    package var files: Int
    package var bytes: Int64
    package var archive: String
    package var archiveBytes: Int64
    /// Of the archive; the restore checks it before it touches the volume.
    package var sha256: String
    /// `fs-…:/directory`: the file system and directory the files came from.
    package var source: String

    /// The manifest format the scripts write and read.
    package static let format = "berth-backup/1"

    /// `created`, in the form the scripts write it (`date -u +%Y-%m-%dT%H:%M:%SZ`).
    package static func timestamp(at date: Date = Date()) -> String { AWSDate.iso8601(date) }

    /// The manifest as the scripts read it: compact JSON, one `"key":value` after another, `/`
    /// as it is (their `sed` looks for `"files":123`).
    package func manifestJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// A snapshot id for now, in the form the scripts make.
    package static func id(at date: Date = Date()) -> String { AmzDate(date).full }

    /// Whether `text` is a snapshot id: it becomes part of S3 keys and a task's environment.
    package static func isId(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 16, characters[8] == "T", characters[15] == "Z" else { return false }
        return (characters[0..<8] + characters[9..<15]).allSatisfy { $0.isASCII && $0.isNumber }
    }
}
