import Foundation

/// A ZIP file of stored (uncompressed) entries: the form CodeBuild takes a source in from S3.
///
/// Entries carry Unix modes (executable scripts stay executable, symbolic links stay links when
/// unzipped) and a fixed 1980-01-01 timestamp, so the same files make the same bytes and the
/// same S3 key. Without ZIP64, an archive holds at most 65,535 entries and 4 GiB.
package struct ZipArchive: Sendable {
    package struct Entry: Sendable, Equatable {
        /// Relative, `/`-separated; a directory's ends with `/`.
        package var path: String
        package var data: Data
        /// Unix mode with the file type bits (`0o100644`, `0o100755`, `0o040755`, `0o120777`).
        package var mode: UInt32

        package init(path: String, data: Data, mode: UInt32) {
            self.path = path
            self.data = data
            self.mode = mode
        }
    }

    package static let maxEntries = 65_535
    package static let maxBytes = Int(UInt32.max) - 1

    package struct TooLarge: Error, CustomStringConvertible {
        package var description: String
    }

    /// The archive's bytes.
    package static func bytes(of entries: [Entry]) throws -> Data {
        guard entries.count <= maxEntries else {
            throw TooLarge(description: "\(entries.count) files are more than a ZIP without ZIP64 holds (\(maxEntries))")
        }
        var archive = Data()
        var central = Data()
        for entry in entries {
            let name = Data(entry.path.utf8)
            let crc = CRC32.checksum(entry.data)
            let offset = archive.count
            guard offset <= maxBytes, entry.data.count <= maxBytes else {
                throw TooLarge(description: "the build context is over 4 GiB, more than a ZIP without ZIP64 holds")
            }
            archive.append(le32: 0x0403_4b50)
            archive.append(le16: 20)  // version needed: 2.0
            archive.append(le16: 0x0800)  // UTF-8 names
            archive.append(le16: 0)  // stored
            archive.append(le16: 0)  // 00:00:00
            archive.append(le16: 0x21)  // 1980-01-01
            archive.append(le32: crc)
            archive.append(le32: UInt32(entry.data.count))
            archive.append(le32: UInt32(entry.data.count))
            archive.append(le16: UInt16(name.count))
            archive.append(le16: 0)
            archive.append(name)
            archive.append(entry.data)

            central.append(le32: 0x0201_4b50)
            central.append(le16: 3 << 8 | 20)  // made by Unix, 2.0: external attributes hold the mode
            central.append(le16: 20)
            central.append(le16: 0x0800)
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le16: 0x21)
            central.append(le32: crc)
            central.append(le32: UInt32(entry.data.count))
            central.append(le32: UInt32(entry.data.count))
            central.append(le16: UInt16(name.count))
            central.append(le16: 0)  // extra
            central.append(le16: 0)  // comment
            central.append(le16: 0)  // disk
            central.append(le16: 0)  // internal attributes
            central.append(le32: entry.mode << 16 | (entry.path.hasSuffix("/") ? 0x10 : 0))
            central.append(le32: UInt32(offset))
            central.append(name)
        }
        guard archive.count + central.count <= maxBytes else {
            throw TooLarge(description: "the build context is over 4 GiB, more than a ZIP without ZIP64 holds")
        }
        let centralOffset = archive.count
        archive.append(central)
        archive.append(le32: 0x0605_4b50)
        archive.append(le16: 0)
        archive.append(le16: 0)
        archive.append(le16: UInt16(entries.count))
        archive.append(le16: UInt16(entries.count))
        archive.append(le32: UInt32(central.count))
        archive.append(le32: UInt32(centralOffset))
        archive.append(le16: 0)
        return archive
    }
}

/// CRC-32 (IEEE 802.3, reflected, as ZIP and gzip use it).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    mutating func append(le16 value: UInt16) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    mutating func append(le32 value: UInt32) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
}
