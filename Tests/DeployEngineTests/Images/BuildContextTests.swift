import Foundation
import Testing

@testable import DeployEngine

/// The files a remote build gets: what `docker build` would send from the same folder.
struct BuildContextTests {
    static func folder(_ files: [String: String], executable: Set<String> = []) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("berth-context-\(UUID().uuidString)").path
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            if executable.contains(path) { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
        }
        return root
    }

    @Test func dockerignoreLeavesFilesOutButNeverTheDockerfileOrItself() throws {
        let root = try Self.folder(
            [
                "Dockerfile": "FROM node:22\n", ".dockerignore": "node_modules\n.env\nDockerfile\n.dockerignore\n**/*.log\n",
                "server.js": "1", "node_modules/x/index.js": "2", ".env": "SECRET=1", "logs/a.log": "3", "run.sh": "#!/bin/sh\n",
            ], executable: ["run.sh"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let context = try BuildContext.read(directory: root, dockerfile: nil)
        #expect(context.files == [".dockerignore", "Dockerfile", "run.sh", "server.js"])
        #expect(context.dockerfile == "Dockerfile")
        #expect(context.entries.first { $0.path == "run.sh" }?.mode == 0o100755)
        #expect(context.entries.contains { $0.path == "logs/" }, "an emptied directory is still sent, as docker sends it")
        #expect(!context.entries.contains { $0.path.hasPrefix("node_modules") })
    }

    @Test func theDockerfilesOwnIgnoreFileWins() throws {
        let root = try Self.folder([
            "docker/web.Dockerfile": "FROM nginx\n", "docker/web.Dockerfile.dockerignore": "*.txt\n", ".dockerignore": "*.html\n",
            "a.txt": "1", "index.html": "2",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let context = try BuildContext.read(directory: root, dockerfile: root + "/docker/web.Dockerfile")
        #expect(context.files.sorted() == [".dockerignore", "docker/web.Dockerfile", "docker/web.Dockerfile.dockerignore", "index.html"])
        #expect(context.dockerfile == "docker/web.Dockerfile")
    }

    @Test func aDockerfileOutsideTheContextOrMissingIsRefused() throws {
        let root = try Self.folder(["app/server.js": "1", "Dockerfile": "FROM node\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: BuildContext.Problem.self) { try BuildContext.read(directory: root + "/app", dockerfile: root + "/Dockerfile") }
        #expect(throws: BuildContext.Problem.self) { try BuildContext.read(directory: root + "/app", dockerfile: nil) }
    }
}
