import Foundation

/// A folder on this machine as the archive the backup and restore tasks read and write: a
/// gzip'd tar of its contents (`tar -czf … -C FOLDER .`), made and unpacked by the machine's own
/// `tar`, which keeps modes, times and symlinks (GNU tar on Linux, bsdtar on macOS, both read
/// and write what busybox tar does).
struct LocalArchive {
    /// The `tar` on PATH.
    let tar: String

    init(path: String) throws {
        guard let tar = ChildProcess.find("tar", path: path) else {
            throw BadInputError("no tar on PATH", hint: "install tar; Berth packs and unpacks folders with it")
        }
        self.tar = tar
    }

    /// Regular files under `directory` and their bytes, counted as the scripts count them
    /// (`find -type f`: symlinks are not followed, and are not files).
    static func contents(of directory: String) throws -> (files: Int, bytes: Int64) {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw BadInputError("cannot read \(directory)", hint: "check that it exists and is readable")
        }
        var files = 0
        var bytes: Int64 = 0
        while enumerator.nextObject() != nil {
            guard let attributes = enumerator.fileAttributes, attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            files += 1
            bytes += (attributes[.size] as? NSNumber)?.int64Value ?? 0
        }
        return (files, bytes)
    }

    func pack(_ directory: String, into file: URL) throws {
        try run(["-C", directory, "-czf", file.path, "."], doing: "pack \(directory)")
    }

    /// Unpacks with the modes as stored (`-p`), into `directory`, which exists.
    func unpack(_ file: URL, into directory: String) throws {
        try run(["-xzpf", file.path, "-C", directory], doing: "unpack into \(directory)")
    }

    private func run(_ arguments: [String], doing what: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tar)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let last = message.split(separator: "\n").suffix(2).joined(separator: "; ")
            throw BadInputError("tar could not \(what) (exit code \(process.terminationStatus)): \(last)", hint: nil)
        }
    }
}
