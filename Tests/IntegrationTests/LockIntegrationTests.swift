import BerthTesting
import Foundation
import Testing

extension Integration {
    /// Two deploys of one environment at once: one deploys, the other says who holds the lock and
    /// changes nothing; the lock is gone afterwards, and another environment is never blocked.
    @Suite struct Lock {
        @Test func twoConcurrentDeploysGiveOneSuccessAndOneLockMessage() throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let folder = try projectFolder(
                "berth-lock",
                compose: """
                    name: lock\(suffix)
                    services:
                      web: {image: "nginx:1.27-alpine", ports: ["80:80"]}
                    x-berth:
                      environments: {dev: {}, prod: {}}
                    """)
            let environment = aws.berthEnvironment(["USER": "tester"])
            defer {
                for env in ["dev", "prod"] {
                    _ = try? BerthBinary.run(["down", "--env", env, "--infra", "--yes"], environment: environment, directory: folder)
                }
            }

            // On threads of their own: the test's cooperative pool has as many threads as cores.
            let runs = Self.concurrently([["deploy", "--env", "dev"], ["deploy", "--env", "dev"], ["deploy", "--env", "prod"]]) {
                try BerthBinary.run($0, environment: environment, directory: folder)
            }
            let results = try runs.prefix(2).map { try $0.get() }
            #expect(results.filter { $0.status == 0 }.count == 1, "\(results.map(\.stderr))")
            let refused = try #require(results.first { $0.status != 0 })
            #expect(refused.stderr.contains("lock\(suffix)-dev is locked by tester@"), "\(refused.stderr)")
            #expect(refused.stderr.contains("hint: wait for it to finish, or re-run with --wait-for-lock"))
            #expect(try runs[2].get().status == 0, "another environment has its own lock")

            let again = try BerthBinary.run(["deploy", "--env", "dev"], environment: environment, directory: folder)
            #expect(again.status == 0, "the lock was released: \(again.stderr)")
            try aws.client.expectNoRejections()
        }

        /// Runs each command line at the same time, each on its own thread; results in order.
        static func concurrently(_ commands: [[String]], _ run: @escaping @Sendable ([String]) throws -> BerthBinary.Result)
            -> [Result<BerthBinary.Result, any Error>]
        {
            let results = ResultsBox(count: commands.count)
            let group = DispatchGroup()
            for (index, command) in commands.enumerated() {
                group.enter()
                Thread.detachNewThread {
                    results.set(index, Result { try run(command) })
                    group.leave()
                }
            }
            group.wait()
            return results.all
        }
    }
}

final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<BerthBinary.Result, any Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: Result<BerthBinary.Result, any Error>) { lock.withLock { results[index] = result } }
    var all: [Result<BerthBinary.Result, any Error>] { lock.withLock { results.map { $0! } } }
}

extension Integration {
    /// Ctrl-C during a deploy: exit 130 with the re-run hint, the lock released, and a re-run
    /// finishes the deploy.
    @Suite struct Interrupt {
        @Test func ctrlCStopsCleanlyAndAReRunFinishes() throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let folder = try projectFolder(
                "berth-interrupt",
                compose: """
                    name: int\(suffix)
                    services:
                      web: {image: "nginx:1.27-alpine", ports: ["80:80"]}
                    """)
            let environment = aws.berthEnvironment()
            defer { _ = try? BerthBinary.run(["down", "--infra", "--yes"], environment: environment, directory: folder) }

            let process = Process()
            process.executableURL = BerthBinary.url
            process.arguments = ["deploy"]
            process.environment = environment
            process.currentDirectoryURL = folder
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // Until the stack is being created: the lock is held and AWS calls are under way.
            let deadline = Date().addingTimeInterval(30)
            var seen = Data()
            while Date() < deadline, !String(decoding: seen, as: UTF8.self).contains("CREATE_IN_PROGRESS") {
                seen.append(errors.fileHandleForReading.availableData)
            }
            kill(process.processIdentifier, SIGINT)
            seen.append(errors.fileHandleForReading.readDataToEndOfFile())
            process.waitUntilExit()
            let stderr = String(decoding: seen, as: UTF8.self)
            #expect(process.terminationStatus == 130, "\(stderr)")
            #expect(stderr.contains("stopping after the current AWS call"))
            #expect(stderr.contains("hint: run the same command again: every step is safe to repeat"), "\(stderr)")

            let again = try BerthBinary.run(["deploy"], environment: environment, directory: folder)
            #expect(again.status == 0, "no lock left behind, and the re-run finishes: \(again.stderr)")
            try aws.client.expectNoRejections()
        }
    }
}

extension Integration {
    /// Renaming a volume would move its services to a new, empty file system: deploy stops
    /// before writing and says where the old data stays, unless --yes.
    @Suite struct VolumeRename {
        @Test func aRenamedVolumeIsRefusedWithoutYes() throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-rename-\(suffix)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            func write(volume: String) throws {
                try """
                name: rename\(suffix)
                services:
                  web: {image: "nginx:1.27-alpine", ports: ["80:80"], volumes: ["\(volume):/usr/share/nginx/html"]}
                volumes:
                  \(volume): {}
                """.write(to: folder.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            }
            let environment = aws.berthEnvironment()
            defer { _ = try? BerthBinary.run(["down", "--infra", "--delete-data", "--yes"], environment: environment, directory: folder) }
            try write(volume: "uploads")
            let first = try BerthBinary.run(["deploy"], environment: environment, directory: folder)
            #expect(first.status == 0, "\(first.stderr)")

            try write(volume: "content")
            let plan = try BerthBinary.run(["plan"], environment: environment, directory: folder)
            #expect(plan.stdout.contains("kept with its data (fs-"), "\(plan.stdout)")
            try aws.client.reset()
            let refused = try BerthBinary.run(["deploy"], environment: environment, directory: folder)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("the file system fs-"), "\(refused.stderr)")
            #expect(refused.stderr.contains("a renamed volume starts empty"))
            // Only the plan's change set (created to read the changes, then deleted): no stack
            // update, no lock, no service touched.
            let writes = try aws.client.requests().filter { $0.mutating == true }.compactMap(\.operation)
            #expect(Set(writes).isSubset(of: ["CreateChangeSet", "DeleteChangeSet"]), "\(writes)")

            let confirmed = try BerthBinary.run(["deploy", "--yes"], environment: environment, directory: folder)
            #expect(confirmed.status == 0, "\(confirmed.stderr)")
            try aws.client.expectNoRejections()
        }
    }
}
