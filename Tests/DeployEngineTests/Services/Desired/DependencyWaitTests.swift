import BerthTesting
import ComposeModel
import Foundation
import Testing

@testable import DeployEngine

struct DependencyWaitTests {
    static let compose = """
        name: shop
        services:
          proxy: {image: nginx, ports: ["80:80"], depends_on: [web, worker]}
          web: {image: node, expose: ["3000"], depends_on: {db: {condition: service_healthy}}}
          worker: {image: node}
          db: {image: postgres, expose: ["5432"]}
        """

    static func site() throws -> Site {
        let options = ComposeLoadOptions(
            files: [], workingDirectory: "/p", projectName: nil, envFiles: [], processEnvironment: [:], profiles: [],
            fileSystem: InMemoryFileSystem(files: ["/p/compose.yaml": compose]))
        return try #require(ComposeLoader.load(options).site).resolved(environmentName: nil)
    }

    /// Each dependency in another task at its Service Connect name and first port; one that
    /// listens on nothing (a worker) is not waited for.
    @Test func dependenciesInOtherTasksAreWaitedForAtTheirNameAndPort() throws {
        let site = try Self.site()
        let task = { (name: String) in try #require(site.tasks.first { $0.name == name }) }
        let proxy = try #require(site.services.first { $0.name == "proxy" })
        #expect(DependencyWait.targets(of: proxy, in: try task("proxy"), site: site) == ["web:3000"])
        let web = try #require(site.services.first { $0.name == "web" })
        #expect(DependencyWait.targets(of: web, in: try task("web"), site: site) == ["db:5432"])
        #expect(DependencyWait.targets(of: try #require(site.services.first { $0.name == "db" }), in: try task("db"), site: site).isEmpty)
    }

    /// The script, run with `sh` and an `nc` that reaches port 5432 only: one line per
    /// dependency, and a failure once the deadline passes.
    @Test func theScriptReportsEachDependencyAndFailsAfterTheDeadline() throws {
        let bin = FileManager.default.temporaryDirectory.appendingPathComponent("berth-wait-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bin) }
        // busybox's `nc -z -w 2 HOST PORT`: the port is the fifth argument.
        try writeExecutable("#!/bin/sh\n[ \"$1 $2 $3\" = \"-z -w 2\" ] && [ \"$5\" = 5432 ]\n", to: bin.appendingPathComponent("nc"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", DependencyWait.script]
        process.environment = [
            "PATH": bin.path + ":/usr/bin:/bin", DependencyWait.targetsVariable: "db:5432 cache:6379", DependencyWait.secondsVariable: "1",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = output.split(separator: "\n").map(String.init)
        #expect(process.terminationStatus == 1)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.hasPrefix("berth-wait: db:5432 is reachable") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("berth-wait: cache:6379 is not reachable after") == true, "\(lines)")
    }
}
