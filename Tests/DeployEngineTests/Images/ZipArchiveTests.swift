import Foundation
import Testing

@testable import DeployEngine

/// The ZIP CodeBuild unpacks: read back here by its central directory, byte for byte.
struct ZipArchiveTests {
    @Test func crc32KnownAnswer() {
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Data()) == 0)
    }

    static func u16(_ data: Data, _ at: Int) -> Int { Int(data[data.startIndex + at]) | Int(data[data.startIndex + at + 1]) << 8 }
    static func u32(_ data: Data, _ at: Int) -> UInt32 { UInt32(u16(data, at)) | UInt32(u16(data, at + 2)) << 16 }

    @Test func entriesComeBackWithTheirNamesDataAndModes() throws {
        let entries = [
            ZipArchive.Entry(path: "src/", data: Data(), mode: 0o040755),
            ZipArchive.Entry(path: "src/ünïcode.js", data: Data("console.log(1)\n".utf8), mode: 0o100644),
            ZipArchive.Entry(path: "run.sh", data: Data("#!/bin/sh\n".utf8), mode: 0o100755),
            ZipArchive.Entry(path: "link", data: Data("run.sh".utf8), mode: 0o120777),
        ]
        let zip = try ZipArchive.bytes(of: entries)
        #expect(try ZipArchive.bytes(of: entries) == zip, "the same files make the same bytes")
        let end = zip.count - 22
        #expect(Self.u32(zip, end) == 0x0605_4b50)
        #expect(Self.u16(zip, end + 10) == entries.count)
        var at = Int(Self.u32(zip, end + 16))
        for entry in entries {
            #expect(Self.u32(zip, at) == 0x0201_4b50)
            let nameLength = Self.u16(zip, at + 28)
            let name = String(decoding: zip[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            #expect(name == entry.path)
            #expect(Self.u32(zip, at + 38) >> 16 == entry.mode)
            #expect(Self.u32(zip, at + 16) == CRC32.checksum(entry.data))
            let local = Int(Self.u32(zip, at + 42))
            #expect(Self.u32(zip, local) == 0x0403_4b50)
            let dataStart = local + 30 + Self.u16(zip, local + 26) + Self.u16(zip, local + 28)
            #expect(zip[dataStart..<(dataStart + entry.data.count)] == entry.data)
            at += 46 + nameLength
        }
    }

    @Test func tooManyEntriesAreRefused() {
        let many = (0...ZipArchive.maxEntries).map { ZipArchive.Entry(path: "f\($0)", data: Data(), mode: 0o100644) }
        #expect(throws: ZipArchive.TooLarge.self) { try ZipArchive.bytes(of: many) }
    }
}
