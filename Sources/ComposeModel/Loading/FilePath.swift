/// String-level path arithmetic (POSIX paths only), kept pure so it behaves the same for the real
/// disk and the in-memory file system.
enum FilePath {
    static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") }

    /// Joins `path` onto `base` unless it is already absolute, then normalises.
    static func resolve(_ path: String, against base: String) -> String {
        if isAbsolute(path) { return normalize(path) }
        return normalize(base + "/" + path)
    }

    /// Removes `.` and empty components and folds `..`; never climbs above `/`.
    static func normalize(_ path: String) -> String {
        let absolute = isAbsolute(path)
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func directory(of path: String) -> String {
        let normalized = normalize(path)
        guard let slash = normalized.lastIndex(of: "/") else { return "." }
        if slash == normalized.startIndex { return "/" }
        return String(normalized[..<slash])
    }

    static func lastComponent(of path: String) -> String {
        let normalized = normalize(path)
        guard let slash = normalized.lastIndex(of: "/") else { return normalized }
        return String(normalized[normalized.index(after: slash)...])
    }

    /// `path` relative to `directory` when it lies inside it, else nil.
    static func relative(_ path: String, inside directory: String) -> String? {
        let path = normalize(path)
        let directory = normalize(directory)
        if path == directory { return "." }
        let prefix = directory == "/" ? "/" : directory + "/"
        guard path.hasPrefix(prefix) else { return nil }
        return String(path.dropFirst(prefix.count))
    }

    /// `path` relative to `directory`, climbing with `..` when needed; both must be absolute.
    static func relative(_ path: String, from directory: String) -> String {
        let target = normalize(path).split(separator: "/")
        let base = normalize(directory).split(separator: "/")
        var common = 0
        while common < target.count && common < base.count && target[common] == base[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        let rest = target[common...].map(String.init)
        let joined = (ups + rest).joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// The text after the last `.` of the last component, if any (`nginx.conf` → `conf`).
    static func fileExtension(of path: String) -> String? {
        let name = lastComponent(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...]
        return ext.isEmpty ? nil : String(ext)
    }
}
