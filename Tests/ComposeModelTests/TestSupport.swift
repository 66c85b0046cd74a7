import ComposeModel
import Foundation

/// Paths to the test data and helpers to load compose text from memory.
enum TestSupport {
    /// `Tests/Fixtures`: published files other projects wrote (awesome-compose, the compose-spec
    /// schema), each folder with its origin and licence.
    static var publishedFixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }

    static var repositoryDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static let projectDirectory = "/project"

    /// Loads `yaml` as `/project/compose.yaml`, with `extraFiles` (paths relative to /project).
    static func load(
        _ yaml: String,
        files extraFiles: [String: String] = [:],
        environment: [String: String] = [:],
        composeFiles: [String] = [],
        profiles: [String] = [],
        envFiles: [String] = [],
        projectName: String? = nil,
        directories: Set<String> = [],
        purpose: ComposeLoadOptions.Purpose = .local
    ) -> ComposeLoadResult {
        var files = ["\(projectDirectory)/compose.yaml": yaml]
        for (path, text) in extraFiles {
            files[path.hasPrefix("/") ? path : "\(projectDirectory)/\(path)"] = text
        }
        let fileSystem = InMemoryFileSystem(
            files: files, directories: Set(directories.map { $0.hasPrefix("/") ? $0 : "\(projectDirectory)/\($0)" }))
        return ComposeLoader.load(
            ComposeLoadOptions(
                files: composeFiles, workingDirectory: projectDirectory, projectName: projectName, envFiles: envFiles,
                processEnvironment: environment, profiles: profiles, fileSystem: fileSystem, purpose: purpose))
    }
}

extension ComposeLoadResult {
    /// `line:column message` of every error, for compact assertions.
    var errorSummaries: [String] {
        errors.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.path): \($0.message)" }
    }

    func diagnostics(matching text: String) -> [Diagnostic] {
        diagnostics.filter { $0.message.contains(text) }
    }
}
