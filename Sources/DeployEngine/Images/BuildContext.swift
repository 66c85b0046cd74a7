import Foundation

/// The files `docker build` would send from a context directory, read into a ZIP for a build
/// that runs elsewhere (`berth push --remote`).
///
/// The Dockerfile's own ignore file (`<Dockerfile>.dockerignore`, as BuildKit reads it) wins
/// over the context's `.dockerignore`. The Dockerfile and the ignore file are always sent, as
/// docker sends them whatever the patterns say. Symbolic links are archived as links, not
/// followed, and excluded directories are not walked unless an exception may reach inside.
package struct BuildContext: Sendable {
    package var directory: String
    /// The Dockerfile, relative to `directory`.
    package var dockerfile: String
    package var entries: [ZipArchive.Entry]

    package struct Problem: Error, CustomStringConvertible {
        package var description: String
    }

    /// - Parameter dockerfile: absolute, or nil for the context's `Dockerfile`.
    package static func read(directory: String, dockerfile: String?) throws -> BuildContext {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Problem(description: "the build context \(root) is not a directory")
        }
        let dockerfilePath = dockerfile.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? root + "/Dockerfile"
        guard dockerfilePath.hasPrefix(root + "/") else {
            throw Problem(description: "the Dockerfile \(dockerfilePath) is outside the build context \(root); a remote build only has the context")
        }
        let relativeDockerfile = String(dockerfilePath.dropFirst(root.count + 1))
        guard manager.fileExists(atPath: dockerfilePath) else {
            throw Problem(description: "there is no Dockerfile at \(dockerfilePath)")
        }
        var ignoreFile = ".dockerignore"
        if manager.fileExists(atPath: dockerfilePath + ".dockerignore") { ignoreFile = relativeDockerfile + ".dockerignore" }
        let ignore = DockerIgnore((try? String(contentsOfFile: root + "/" + ignoreFile, encoding: .utf8)) ?? "")
        let always: Set<String> = [relativeDockerfile, ignoreFile]

        var entries: [ZipArchive.Entry] = []
        func walk(_ relative: String) throws {
            let absolute = relative.isEmpty ? root : root + "/" + relative
            for name in try manager.contentsOfDirectory(atPath: absolute).sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                let full = root + "/" + path
                let attributes = try manager.attributesOfItem(atPath: full)
                let permissions = UInt32((attributes[.posixPermissions] as? NSNumber)?.uint32Value ?? 0o644)
                let excluded = ignore.excludes(path) && !always.contains(path)
                switch attributes[.type] as? FileAttributeType {
                case .typeDirectory?:
                    if excluded && !ignore.hasExceptions { continue }
                    if !excluded { entries.append(ZipArchive.Entry(path: path + "/", data: Data(), mode: 0o040000 | permissions)) }
                    try walk(path)
                case .typeSymbolicLink?:
                    guard !excluded else { continue }
                    let target = try manager.destinationOfSymbolicLink(atPath: full)
                    entries.append(ZipArchive.Entry(path: path, data: Data(target.utf8), mode: 0o120000 | 0o777))
                case .typeRegular?:
                    guard !excluded else { continue }
                    entries.append(ZipArchive.Entry(path: path, data: try Data(contentsOf: URL(fileURLWithPath: full)), mode: 0o100000 | permissions))
                default:
                    continue  // sockets, pipes and devices: docker refuses them; nothing to send
                }
            }
        }
        try walk("")
        return BuildContext(directory: root, dockerfile: relativeDockerfile, entries: entries)
    }

    /// The files sent, in archive order.
    package var files: [String] { entries.filter { !$0.path.hasSuffix("/") }.map(\.path) }
}
