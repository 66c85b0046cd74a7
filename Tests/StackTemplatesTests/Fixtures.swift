import ComposeModel
import Foundation

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The example site, loaded from disk and resolved for `environment`.
    static func exampleSite(_ environment: String) throws -> Site {
        try load(directory: root.appendingPathComponent("examples/website").path, environment: environment)
    }

    static func load(directory: String, environment: String?, files: [String] = [], inMemory: [String: String]? = nil) throws -> Site {
        var options = ComposeLoadOptions(
            files: files, workingDirectory: directory, projectName: nil, envFiles: [], processEnvironment: [:], profiles: [])
        if let inMemory { options.fileSystem = InMemoryFileSystem(files: inMemory) }
        let result = ComposeLoader.load(options)
        guard let site = result.site, !result.hasErrors else {
            throw FixtureError(description: result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return try site.resolved(environmentName: environment)
    }

    struct FixtureError: Error, CustomStringConvertible { var description: String }
}
