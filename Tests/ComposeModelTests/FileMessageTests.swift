import ComposeModel
import Foundation
import Testing

/// Messages about files say what is true of them.
@Suite struct FileMessageTests {
    @Test func aDuplicateKeyIsReportedWhereItIsRepeated() {
        let result = TestSupport.load(
            """
            services:
              web:
                image: nginx
                ports: ["80:80"]
                image: httpd
            """)
        #expect(result.errorSummaries == ["5:5 : duplicate key \"image\" in one mapping (first at line 3)"])
    }

    @Test func aDirectoryGivenWithFIsCalledADirectory() {
        let result = TestSupport.load("services: {}", composeFiles: ["deploy"], directories: ["deploy"])
        #expect(result.errorSummaries == ["- : compose file deploy is a directory, not a file"])
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func load(_ file: String, in folder: URL) -> ComposeLoadResult {
        ComposeLoader.load(ComposeLoadOptions(files: [file], workingDirectory: folder.path))
    }

    @Test func aSymlinkLoopIsNamed() throws {
        let folder = try Self.folder()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("a.yaml").path, withDestinationPath: "b.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("b.yaml").path, withDestinationPath: "a.yaml")
        #expect(Self.load("a.yaml", in: folder).errorSummaries == ["- : compose file a.yaml is a loop of symbolic links"])
    }

    /// Root reads every file, so this runs for other users only.
    @Test(.enabled(if: getuid() != 0, "root can read a file without permissions")) func anUnreadableFileIsNotCalledMissing() throws {
        let folder = try Self.folder()
        let file = folder.appendingPathComponent("compose.yaml")
        try Data("services: {}".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path) }
        #expect(Self.load("compose.yaml", in: folder).errorSummaries == ["- : compose.yaml cannot be read (permission denied)"])
    }
}

@Suite struct IncludedFileTests {
    @Test func anIncludedFilesMisspeltTopLevelKeyIsAnError() {
        let result = TestSupport.load(
            "include: [db.yaml]\nservices:\n  web: {image: nginx}\n", files: ["db.yaml": "servces:\n  db: {image: postgres}\n"])
        #expect(result.errors.map(\.description) == ["db.yaml:1:1: servces: unknown key \"servces\" (did you mean \"services\"?)"])
    }
}
