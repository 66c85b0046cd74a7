import BerthTesting
import ComposeModel
import Foundation
import Testing

@testable import StackTemplates

/// `berth verify`'s probe task: declared only for sites whose services reach other tasks, as
/// small and powerless as it can be, and a script whose lines Berth reads back.
struct ReachabilityProbeTests {
    static func template(_ compose: String) throws -> Template {
        let site = try Fixtures.load(directory: "/p", environment: nil, inMemory: ["/p/compose.yaml": compose])
        return InfraStack(InfraStackInput(site: site, environmentName: "prod")).template()
    }

    @Test func onlySitesWithDependenciesAcrossTasksHaveAProbe() throws {
        let dependent = try Self.template(
            """
            name: shop
            services:
              web: {image: node, ports: ["80:3000"]}
              worker: {image: node, depends_on: [web]}
            """)
        // web's container port is also its Service Connect port: worker reaches another task.
        #expect(dependent.resource(StackLogicalID.probeTaskDefinition) != nil)
        let alone = try Self.template(
            """
            name: shop
            services:
              web: {image: node, ports: ["80:3000"]}
              worker: {image: node}
            """)
        #expect(alone.resource(StackLogicalID.probeTaskDefinition) == nil)
        let grouped = try Self.template(
            """
            name: shop
            services:
              web: {image: node, ports: ["80:3000"], depends_on: [db], x-berth: {task: app}}
              db: {image: postgres, expose: ["5432"], x-berth: {task: app}}
            """)
        #expect(grouped.resource(StackLogicalID.probeTaskDefinition) == nil)
    }

    @Test func theProbeHasNoRoleAndAReadOnlyRootFileSystem() throws {
        let template = try Self.template(
            """
            name: shop
            services:
              web: {image: node, ports: ["80:3000"], depends_on: [db]}
              db: {image: postgres, expose: ["5432"]}
            """)
        let probe = try #require(template.resource(StackLogicalID.probeTaskDefinition))
        #expect(probe.properties["Family"] == "shop-prod-probe")
        #expect(probe.properties["TaskRoleArn"] == nil)
        #expect(probe.properties["NetworkMode"] == "awsvpc" && probe.properties["Cpu"] == "256" && probe.properties["Memory"] == "512")
        guard case .list(let containers)? = probe.properties["ContainerDefinitions"] else {
            Issue.record("no containers")
            return
        }
        #expect(containers.count == 1)
        #expect(containers.first?["ReadonlyRootFilesystem"] == .bool(true))
        #expect(containers.first?["Image"] == .string(ToolImage.alpine))
        #expect(containers.first?["LogConfiguration"]?["Options"]?["awslogs-stream-prefix"] == .string(ReachabilityProbe.logPrefix))
    }

    /// The script, run with `sh` and an `nc` that answers only 10.0.0.5:5432, as busybox's
    /// `nc -z -w 3 HOST PORT` is called: every target gets its line, open or closed.
    @Test func theScriptTriesEveryTargetAndWritesALineEach() throws {
        let bin = FileManager.default.temporaryDirectory.appendingPathComponent("berth-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bin) }
        try writeExecutable(
            "#!/bin/sh\n[ \"$1 $2 $3\" = \"-z -w \(ReachabilityProbe.timeoutSeconds)\" ] && [ \"$4:$5\" = 10.0.0.5:5432 ]\n",
            to: bin.appendingPathComponent("nc"))
        let targets = [
            ReachabilityProbe.Result(server: "db", address: "10.0.0.5", port: 5432, open: true),
            ReachabilityProbe.Result(server: "db", address: "10.0.0.6", port: 5432, open: false),
            ReachabilityProbe.Result(server: "cache", address: "10.0.1.9", port: 6379, open: false),
        ]
        let run = try Self.run(
            environment: ["PATH": bin.path + ":/usr/bin:/bin", ReachabilityProbe.targetsVariable: targets.map(\.target).joined(separator: " ")])
        #expect(run.status == 0)
        #expect(run.output.split(separator: "\n").compactMap { ReachabilityProbe.Result(line: String($0)) } == targets)
        #expect(run.output.split(separator: "\n").map(String.init) == targets.map(\.line))

        let empty = try Self.run(environment: ["PATH": "/usr/bin:/bin"])
        #expect(empty.status == 2)
        #expect(empty.output.contains("nothing to try"))
    }

    @Test func onlyTheProbesOwnLinesAreResults() {
        #expect(ReachabilityProbe.Result(line: "berth-probe db 10.0.0.5 5432 open")?.open == true)
        #expect(ReachabilityProbe.Result(line: "berth-probe db 10.0.0.5 5432 closed")?.open == false)
        #expect(ReachabilityProbe.Result(line: "berth-probe: BERTH_PROBES is empty; nothing to try") == nil)
        #expect(ReachabilityProbe.Result(line: "berth-probe db 10.0.0.5 http open") == nil)
        #expect(ReachabilityProbe.Result(line: "berth-probe db 10.0.0.5 5432 maybe") == nil)
    }

    static func run(environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", ReachabilityProbe.script]
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
