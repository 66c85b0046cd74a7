import ComposeModel
import Foundation
import Testing

/// Every real compose file of docker/awesome-compose goes through the loader: none may crash, and
/// every diagnostic must point at a file position.
@Suite struct AwesomeComposeTests {
    static var projects: [String] {
        let root = TestSupport.publishedFixtures + "/compose/awesome-compose"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "LICENSE" }.sorted()
    }

    @Test func corpusIsPresent() {
        #expect(Self.projects.count == 20)
    }

    @Test(arguments: projects)
    func loadsWithLocatedDiagnostics(project: String) throws {
        let directory = TestSupport.publishedFixtures + "/compose/awesome-compose/" + project
        let result = ComposeLoader.load(ComposeLoadOptions(workingDirectory: directory, processEnvironment: [:]))
        #expect(result.site != nil)
        for diagnostic in result.diagnostics {
            #expect(diagnostic.location != nil, "\(project): \(diagnostic)")
            #expect(!diagnostic.message.isEmpty)
        }
        if ProcessInfo.processInfo.environment["BERTH_PRINT_CORPUS"] != nil {
            let summary = result.diagnostics.map { "  \($0)" }.joined(separator: "\n")
            print("== \(project): \(result.hasErrors ? "errors" : "validates")\n\(summary)")
        }
    }
}
