import Foundation

/// Berth's local AWS for integration tests: the emulator in `emulator/` (moto with the AWS
/// behaviour Berth relies on), and, where CI layers it in, a checking gate in front of it.
///
/// `scripts/test.sh` starts them and exports `BERTH_EMULATOR_URL` (and `BERTH_GATE_URL` when a
/// gate fronts the emulator); without them the harness starts an emulator of its own from the
/// project's virtualenv. Tests that need faults start a front of their own with `startFaultyFront`.
package final class LocalAWS: @unchecked Sendable {
    /// Where Berth sends its requests: the gate when there is one, else the emulator.
    package let url: String
    /// The emulator front that answers the control API (`/_berth/...`) for this endpoint.
    package let controlURL: String
    /// The gate that checks every signature and request shape, when one is layered in.
    package let gateURL: String?
    /// moto itself, past every front: what test set-up writes (images) go to, uncounted.
    package let motoURL: String
    private let process: Process?

    init(url: String, controlURL: String, gateURL: String?, motoURL: String, process: Process?) {
        self.url = url
        self.controlURL = controlURL
        self.gateURL = gateURL
        self.motoURL = motoURL
        self.process = process
    }

    deinit {
        stop()
    }

    /// Ends an emulator process this harness started.
    package func stop() {
        guard let process, process.isRunning else { return }
        // Polling rather than waitUntilExit, which can hang when called off the main thread.
        let pid = process.processIdentifier
        kill(pid, SIGTERM)
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(pid, SIGKILL) }
    }

    package static let projectRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// True when CI wants a missing emulator to fail the run instead of skipping integration tests.
    package static var isRequired: Bool {
        ProcessInfo.processInfo.environment["BERTH_REQUIRE_INTEGRATION"] == "1"
    }

    static var python: String {
        ProcessInfo.processInfo.environment["BERTH_EMULATOR_PYTHON"] ?? projectRoot.appendingPathComponent(".venv/bin/python").path
    }

    nonisolated(unsafe) private static var cached: LocalAWS?
    private static let lock = NSLock()

    /// The emulator every integration test shares, or `nil` when none can be had (then
    /// integration tests skip, unless required).
    package static func shared() throws -> LocalAWS? {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let environment = ProcessInfo.processInfo.environment
        if let emulator = environment["BERTH_EMULATOR_URL"] {
            let moto = try EmulatorClient(controlURL: emulator, gateURL: nil).stats().upstream ?? emulator
            let gate = environment["BERTH_GATE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            cached = LocalAWS(url: gate ?? emulator, controlURL: emulator, gateURL: gate, motoURL: moto, process: nil)
            return cached
        }
        guard FileManager.default.fileExists(atPath: python) else {
            if isRequired { throw HarnessError("no local AWS: BERTH_EMULATOR_URL is unset and \(python) does not exist") }
            return nil
        }
        let (process, url, moto) = try startEmulator(arguments: [])
        cached = LocalAWS(url: url, controlURL: url, gateURL: nil, motoURL: moto, process: process)
        // A static is never deinitialised: end the emulator when the test process exits.
        atexit { LocalAWS.cached?.stop() }
        return cached
    }

    /// A front of its own before this endpoint (so the gate, when there is one, still checks
    /// every request), injecting `faults` drawn from `seed`, with counters of its own.
    package func startFaultyFront(faults: String, seed: UInt64) throws -> LocalAWS {
        let (process, front, _) = try Self.startEmulator(arguments: ["--upstream", url, "--faults", faults, "--seed", String(seed)])
        return LocalAWS(url: front, controlURL: front, gateURL: gateURL, motoURL: motoURL, process: process)
    }

    /// Starts `python -m berth_emulator` and waits for its `READY` line; returns the process,
    /// its URL and what it forwards to.
    static func startEmulator(arguments: [String]) throws -> (Process, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        // Its request log and diagnostics (why a signature was refused) go to .build/emulator/front-<time>.{jsonl,err}.
        let logs = projectRoot.appendingPathComponent(".build/emulator")
        try? FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let stem = logs.appendingPathComponent("front-\(ProcessInfo.processInfo.processIdentifier)-\(Int(Date().timeIntervalSince1970 * 1000))").path
        process.arguments = ["-m", "berth_emulator", "--port", "0", "--log", stem + ".jsonl"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = projectRoot.appendingPathComponent("emulator").path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        FileManager.default.createFile(atPath: stem + ".err", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: stem + ".err") ?? FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var buffer = ""
        while Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            buffer += String(decoding: data, as: UTF8.self)
            let lines = buffer.split(separator: "\n")
            if let ready = lines.first(where: { $0.hasPrefix("READY ") }), let upstream = lines.first(where: { $0.hasPrefix("upstream ") }) {
                return (process, String(ready.dropFirst("READY ".count)), String(upstream.dropFirst("upstream ".count)))
            }
        }
        process.terminate()
        throw HarnessError("the emulator did not print READY; output so far: \(buffer)")
    }

    package var client: EmulatorClient { EmulatorClient(controlURL: controlURL, gateURL: gateURL) }
}

package struct HarnessError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
