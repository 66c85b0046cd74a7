import Foundation

/// The local AWS stand-in for integration tests: moto behind `../shared/tools/aws_gate.py`.
///
/// `.ci/run` starts one gate and exports `BERTH_GATE_URL`; without it, the harness starts its
/// own from the project's virtualenv (`.venv/bin/python`). Tests that need a gate with other
/// settings (faults) start a second gate in front of the same moto with `startGate(...)`.
public final class GateHarness: @unchecked Sendable {
    public let url: String
    public let upstream: String
    private let process: Process?

    init(url: String, upstream: String, process: Process?) {
        self.url = url
        self.upstream = upstream
        self.process = process
    }

    deinit {
        stop()
    }

    /// Ends a gate this harness started (and the moto it started, if any).
    public func stop() {
        guard let process, process.isRunning else { return }
        // Polling rather than waitUntilExit, which can hang when called off the main thread.
        let pid = process.processIdentifier
        kill(pid, SIGTERM)
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(pid, SIGKILL) }
    }

    public static let projectRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var sharedFolder: URL {
        if let shared = ProcessInfo.processInfo.environment["BERTH_SHARED"] { return URL(fileURLWithPath: shared) }
        return projectRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// True when CI wants a missing gate to fail the run instead of skipping integration tests.
    public static var isRequired: Bool {
        ProcessInfo.processInfo.environment["BERTH_REQUIRE_INTEGRATION"] == "1"
    }

    static var python: String {
        ProcessInfo.processInfo.environment["BERTH_GATE_PYTHON"] ?? projectRoot.appendingPathComponent(".venv/bin/python").path
    }

    nonisolated(unsafe) private static var cached: GateHarness?
    private static let lock = NSLock()

    /// The shared gate, or `nil` when none can be had (then integration tests skip, unless required).
    public static func shared() throws -> GateHarness? {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        if let url = ProcessInfo.processInfo.environment["BERTH_GATE_URL"] {
            let stats = try GateClient(url: url).stats()
            cached = GateHarness(url: url, upstream: stats.upstream ?? url, process: nil)
            return cached
        }
        guard FileManager.default.fileExists(atPath: python) else {
            if isRequired { throw HarnessError("no gate: BERTH_GATE_URL is unset and \(python) does not exist") }
            return nil
        }
        cached = try startGate(arguments: ["--start-moto"])
        // A static is never deinitialised: end the shared gate when the test process exits.
        atexit { GateHarness.cached?.stop() }
        return cached
    }

    /// Starts a gate process with extra arguments and waits for its `READY` line.
    public static func startGate(arguments: [String]) throws -> GateHarness {
        let script = sharedFolder.appendingPathComponent("tools/aws_gate.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, "--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var buffer = ""
        while Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            buffer += String(decoding: data, as: UTF8.self)
            if let line = buffer.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }) {
                let url = String(line.dropFirst("READY ".count))
                let upstream = buffer.split(separator: "\n").first(where: { $0.hasPrefix("upstream ") })
                    .map { String($0.dropFirst("upstream ".count)) }
                return GateHarness(url: url, upstream: upstream ?? arguments.drop(while: { $0 != "--upstream" }).dropFirst().first ?? url, process: process)
            }
        }
        process.terminate()
        throw HarnessError("the gate did not print READY; output so far: \(buffer)")
    }

    public var client: GateClient { GateClient(url: url) }
}

public struct HarnessError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
