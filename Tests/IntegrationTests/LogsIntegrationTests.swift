import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// `berth logs` against the local AWS: lines written under two services' stream prefixes (as
    /// awslogs writes them: `<service>/<container>/<task id>`) come back merged in time order,
    /// chosen, filtered, tailed and followed.
    @Suite struct Logs {
        static let region = "eu-west-1"
        /// A project of its own per run, so a re-run against the same local AWS starts empty.
        static func compose(_ project: String) -> String {
            """
            name: \(project)
            services:
              web: {image: "nginx:1.27-alpine", ports: ["80:80"]}
              web-admin: {image: "nginx:1.27-alpine", expose: ["8080"]}
              cms: {image: "ghost:5-alpine", expose: ["2368"]}
            x-berth:
              region: eu-west-1
            """
        }

        static func project(_ stem: String) -> (name: String, group: String) {
            let name = "\(stem)\(UUID().uuidString.prefix(8).lowercased())"
            return (name, "/berth/\(name)/default")
        }

        func logs(_ aws: LocalAWS) -> CloudWatchLogsClient {
            CloudWatchLogsClient(AWSClient.forTesting(transport: URLSessionTransport(), endpoint: aws.url, region: Self.region))
        }

        /// Writes `lines` (stream, milliseconds, message), creating the group and streams.
        func write(_ aws: LocalAWS, group: String, _ lines: [(String, Int, String)]) async throws {
            let logs = logs(aws)
            try await logs.createLogGroup(group)
            for (stream, events) in Dictionary(grouping: lines, by: \.0) {
                try await logs.createLogStream(groupName: group, streamName: stream)
                try await logs.putLogEvents(
                    groupName: group, streamName: stream,
                    events: events.map { .init(timestamp: $0.1, message: $0.2) }.sorted { $0.timestamp < $1.timestamp })
            }
        }

        @Test func twoServicesComeBackMergedChosenFilteredAndTailed() async throws {
            let aws = try LocalAWS.require()
            try aws.client.reset()
            let project = Self.project("logs")
            let folder = try projectFolder("berth-logs", compose: Self.compose(project.name))
            let base = Int(Date().timeIntervalSince1970 * 1000) - 60_000
            try await write(
                aws, group: project.group,
                [
                    ("web/web/task-a", base + 100, "GET / 200"), ("cms/cms/task-c", base + 200, "Ghost booted"),
                    ("web/web/task-b", base + 300, "GET /admin 404"), ("cms/cms/task-c", base + 400, "ERROR database unreachable"),
                    ("web-admin/web-admin/task-d", base + 500, "admin up"), ("web/web/task-a", base + 600, "GET /blog 200"),
                ])
            let environment = aws.berthEnvironment()
            let all = try BerthBinary.run(["logs"], environment: environment, directory: folder)
            #expect(all.status == 0, "\(all.stderr)")
            #expect(
                all.stdout == """
                    web       | GET / 200
                    cms       | Ghost booted
                    web       | GET /admin 404
                    cms       | ERROR database unreachable
                    web-admin | admin up
                    web       | GET /blog 200

                    """, "\(all.stdout)")

            let web = try BerthBinary.run(["logs", "web"], environment: environment, directory: folder)
            #expect(
                web.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 3,
                "web's prefix does not take web-admin's lines: \(web.stdout)")
            let errors = try BerthBinary.run(["logs", "--filter", "ERROR"], environment: environment, directory: folder)
            #expect(errors.stdout == "cms       | ERROR database unreachable\n", "\(errors.stdout)")
            let tail = try BerthBinary.run(["logs", "--tail", "2", "--output", "json"], environment: environment, directory: folder)
            let tailed = tail.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(tailed.map { $0["message"] as? String } == ["admin up", "GET /blog 200"])
            #expect(tailed.first?["task"] as? String == "task-d")
            let task = try BerthBinary.run(["logs", "--task", "task-b"], environment: environment, directory: folder)
            #expect(task.stdout == "web       | GET /admin 404\n")
            let bad = try BerthBinary.run(["logs", "--since", "yesterday"], environment: environment, directory: folder)
            #expect(bad.status == 2 && bad.stderr.contains("--since yesterday"))
            try aws.client.expectNoRejections()
        }

        /// `--follow` prints lines as they arrive, each once, and Ctrl-C ends it with exit 0.
        @Test func followPrintsNewLinesOnceAndStopsOnCtrlC() async throws {
            let aws = try LocalAWS.require()
            let (name, group) = Self.project("follow")
            let folder = try projectFolder("berth-follow", compose: Self.compose(name))
            let logs = logs(aws)
            try await logs.createLogGroup(group)
            try await logs.createLogStream(groupName: group, streamName: "cms/cms/t1")
            let start = Int(Date().timeIntervalSince1970 * 1000)
            try await logs.putLogEvents(groupName: group, streamName: "cms/cms/t1", events: [.init(timestamp: start, message: "one")])

            let process = Process()
            process.executableURL = BerthBinary.url
            process.arguments = ["logs", "--follow"]
            process.environment = aws.berthEnvironment()
            process.currentDirectoryURL = folder
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            let collected = Recorded<String>()
            output.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                if !data.isEmpty { collected.append(String(decoding: data, as: UTF8.self)) }
            }
            try process.run()
            func printed() -> [String] { collected.all.joined().split(separator: "\n").map(String.init) }
            func waitFor(_ count: Int) async throws {
                for _ in 0..<100 where printed().count < count { try await Task.sleep(nanoseconds: 100_000_000) }
            }
            try await waitFor(1)
            try await logs.putLogEvents(
                groupName: group, streamName: "cms/cms/t1",
                events: [.init(timestamp: start + 10, message: "two"), .init(timestamp: start + 20, message: "three")])
            try await waitFor(3)
            kill(process.processIdentifier, SIGINT)
            for _ in 0..<100 where process.isRunning { try await Task.sleep(nanoseconds: 100_000_000) }
            output.fileHandleForReading.readabilityHandler = nil
            #expect(!process.isRunning && process.terminationStatus == 0)
            #expect(printed() == ["cms       | one", "cms       | two", "cms       | three"], "\(printed())")
        }

        /// A 100,000-line range streams to the end (10 pages of FilterLogEvents).
        @Test func aHundredThousandLinesPrintInFull() async throws {
            let aws = try LocalAWS.require()
            let (name, group) = Self.project("many")
            let folder = try projectFolder("berth-many", compose: Self.compose(name))
            let logs = logs(aws)
            try await logs.createLogGroup(group)
            try await logs.createLogStream(groupName: group, streamName: "web/web/t1")
            let start = Int(Date().timeIntervalSince1970 * 1000) - 3_600_000
            for batch in 0..<10 {
                let events = (0..<10_000).map { index in
                    CloudWatchLogsClient.InputLogEvent(timestamp: start + batch * 10_000 + index, message: "line \(batch * 10_000 + index)")
                }
                try await logs.putLogEvents(groupName: group, streamName: "web/web/t1", events: events)
            }
            let result = try BerthBinary.run(["logs", "--output", "json"], environment: aws.berthEnvironment(), directory: folder)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 100_000)
            #expect(lines.last?.contains("\"line 99999\"") == true)
        }
    }
}
