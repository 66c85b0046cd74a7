import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the loader needs from the disk: reading compose and `.env` files, and telling a file from
/// a directory (a bind-mounted file becomes a config file; a directory cannot go to Fargate).
///
/// Passed in through `ComposeLoadOptions` so tests and the fuzz test run in memory.
package protocol ComposeFileSystem: Sendable {
    /// The file's text, or nil when it does not exist or cannot be read.
    func readText(atPath path: String) -> String?
    /// Whether the path is a file, a directory, or missing (nil).
    func kind(atPath path: String) -> FileKind?
    /// Why `readText` gave nil, in words that finish "PATH …": "does not exist", "is a
    /// directory", "cannot be read (permission denied)", "is a loop of symbolic links".
    func whyUnreadable(atPath path: String) -> String
}

extension ComposeFileSystem {
    package func whyUnreadable(atPath path: String) -> String {
        kind(atPath: path) == .directory ? "is a directory, not a file" : "does not exist"
    }
}

package enum FileKind: Sendable, Equatable {
    case file
    case directory
}

/// The real disk, through Foundation.
package struct LocalFileSystem: ComposeFileSystem {
    package init() {}

    package func readText(atPath path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    package func whyUnreadable(atPath path: String) -> String {
        if kind(atPath: path) == .directory { return "is a directory, not a file" }
        let descriptor = open(path, O_RDONLY)
        if descriptor >= 0 {
            close(descriptor)
            return "could not be read"
        }
        switch errno {
        case ENOENT, ENOTDIR: return "does not exist"
        case EACCES, EPERM: return "cannot be read (permission denied)"
        case ELOOP: return "is a loop of symbolic links"
        default: return "cannot be read (\(String(cString: strerror(errno))))"
        }
    }

    package func kind(atPath path: String) -> FileKind? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue ? .directory : .file
    }
}

/// Files held in a dictionary keyed by absolute path; every ancestor of a file counts as a
/// directory, and `directories` adds empty ones.
package struct InMemoryFileSystem: ComposeFileSystem {
    package var files: [String: String]
    package var directories: Set<String>

    package init(files: [String: String] = [:], directories: Set<String> = []) {
        self.files = files
        self.directories = directories
    }

    package func readText(atPath path: String) -> String? {
        files[FilePath.normalize(path)]
    }

    package func kind(atPath path: String) -> FileKind? {
        let path = FilePath.normalize(path)
        if files[path] != nil { return .file }
        if directories.contains(path) { return .directory }
        let prefix = path == "/" ? "/" : path + "/"
        return files.keys.contains { $0.hasPrefix(prefix) } ? .directory : nil
    }
}
