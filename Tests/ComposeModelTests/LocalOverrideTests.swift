import ComposeModel
import Testing

/// What is local stays local: `compose.override.yaml` holds one developer's settings by
/// docker compose's convention, so a deploy reads it only when `-f` names it, and then warns
/// about every port that only it publishes.
struct LocalOverrideTests {
    static let base = """
        name: blog
        services:
          proxy: {image: nginx, ports: ["80:80"], depends_on: [cms]}
          cms: {image: ghost, expose: ["2368"]}
        """
    static let override = [
        "compose.override.yaml": """
        services:
          cms:
            ports: ["2368:2368"]
            environment: {NODE_ENV: development}
        """
    ]

    @Test func aDeployLeavesTheFoundOverrideOutAndSaysSo() throws {
        let result = TestSupport.load(Self.base, files: Self.override, purpose: .deploy)
        #expect(result.files == ["compose.yaml"])
        let cms = try #require(result.site?.service(named: "cms"))
        #expect(cms.ports.isEmpty && cms.environment.isEmpty)
        let note = try #require(result.diagnostics.first { $0.severity == .note && $0.message.contains("compose.override.yaml") })
        #expect(note.message == "compose.override.yaml is left out: by docker compose's convention it holds local settings (berth dev reads it)")
        #expect(note.hint == "to deploy it too, name the files: -f compose.yaml -f compose.override.yaml")
    }

    @Test func localUseReadsItAsComposeDoesWithoutWarnings() throws {
        let result = TestSupport.load(Self.base, files: Self.override)
        #expect(result.files == ["compose.yaml", "compose.override.yaml"])
        #expect(try #require(result.site?.service(named: "cms")).ports.map(\.published) == [2368])
        #expect(result.warnings.isEmpty, "\(result.warnings)")
    }

    @Test func aPortPublishedOnlyByANamedOverrideIsAWarningWhereItIs() throws {
        let result = TestSupport.load(
            Self.base, files: Self.override, composeFiles: ["compose.yaml", "compose.override.yaml"], purpose: .deploy)
        #expect(result.files == ["compose.yaml", "compose.override.yaml"])
        let warnings = result.warnings.filter { $0.message.contains("published only by") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.location?.file == "compose.override.yaml" && warnings.first?.location?.line == 3)
        #expect(warnings.first?.path == "services.cms.ports[0]")
        #expect(warnings.first?.message.hasPrefix("port 2368 is published only by compose.override.yaml") == true)
        // The main file's own published port is not the override's doing.
        #expect(!result.warnings.contains { $0.path.hasPrefix("services.proxy.ports") })
    }
}
