import BerthTesting
import Foundation
import Testing

@testable import ComposeModel

/// Merged documents (as `berth config` prints them) must be valid against the Compose
/// Specification's JSON schema.
@Suite struct SchemaTests {
    static let schemaPath = TestSupport.publishedFixtures + "/compose-spec/compose-spec.json"

    static var directories: [String] {
        let root = TestSupport.publishedFixtures + "/compose/awesome-compose"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { $0 != "LICENSE" }.sorted().map { "\(root)/\($0)" } + [TestSupport.repositoryDirectory + "/examples/website"]
    }

    @Test(arguments: directories)
    func mergedDocumentMatchesTheSchema(directory: String) throws {
        let schema = try SchemaSubset(contentsOf: Self.schemaPath)
        let result = ComposeLoader.load(ComposeLoadOptions(workingDirectory: directory))
        let document = try #require(result.document)
        #expect(schema.violations(of: document.jsonValue) == [])
    }

    @Test func mergedOverridesAndExtendsMatchTheSchema() throws {
        let schema = try SchemaSubset(contentsOf: Self.schemaPath)
        let result = TestSupport.load(
            """
            x-base: &base
              image: busybox
            services:
              base:
                <<: *base
                environment: [A=1]
                depends_on: [db]
                build: .
              cli:
                extends: base
                labels: [team=web]
                networks: [front]
              db: { image: postgres }
            networks:
              front:
            """,
            files: ["compose.override.yaml": "services:\n  cli:\n    environment:\n      B: \"2\"\n"])
        let document = try #require(result.document)
        #expect(schema.violations(of: document.jsonValue) == [])
    }

    @Test func checkerRejectsInvalidDocuments() throws {
        let schema = try SchemaSubset(contentsOf: Self.schemaPath)
        let result = TestSupport.load("services:\n  web:\n    image: [a]\n    bogus: 1\n")
        let document = try #require(result.document)
        let violations = schema.violations(of: document.jsonValue)
        #expect(violations.contains { $0.hasPrefix("services.web.image") })
        #expect(violations.contains { $0.hasPrefix("services.web.bogus") })
    }
}
