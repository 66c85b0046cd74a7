import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// The example site's single templates, byte for byte: what `berth template --unified` writes.
struct UnifiedStackGoldenTests {
    static let exampleSite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples/website").path

    static func rendered(_ environment: String) throws -> UnifiedStack.Rendered {
        let options = ComposeLoadOptions(
            files: [], workingDirectory: exampleSite, projectName: nil, envFiles: [], processEnvironment: [:], profiles: [])
        let result = ComposeLoader.load(options)
        guard let site = result.site, !result.hasErrors else { throw DeployError(result.diagnostics.map(\.description).joined(separator: "\n")) }
        let resolved = try site.resolved(environmentName: environment)
        return try UnifiedStack(site: resolved, input: InfraStackInput(site: resolved, environmentName: environment), processEnvironment: [:])
            .render()
    }

    @Test(arguments: ["dev", "prod"])
    func exampleSite(_ environment: String) throws {
        let rendered = try Self.rendered(environment)
        #expect(rendered.fileName == "website-\(environment).unified.yaml")
        try assertGolden(rendered.yaml, named: "example-site-\(environment).unified.yaml")
    }
}
