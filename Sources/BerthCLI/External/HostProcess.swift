import Foundation

/// The service `berth dev --phase 1 --run` starts on this machine: `/bin/sh -c COMMAND` in its
/// directory, each line it writes passed on with the service's name in front, as docker compose
/// prefixes the containers' lines.
final class HostProcess: Sendable {
    private let process: Process
    /// Signalled when the output has been read to its end.
    private let drained = DispatchSemaphore(value: 0)

    init(command: String, directory: String, environment: [String: String], prefix: String, write: @escaping @Sendable (String) -> Void) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        self.process = process
        try process.run()
        let reader = pipe.fileHandleForReading
        let drained = drained
        Thread.detachNewThread {
            var pending = Data()
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                pending.append(data)
                while let newline = pending.firstIndex(of: 0x0A) {
                    write("\(prefix) | " + String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending = Data(pending[pending.index(after: newline)...])
                }
            }
            if !pending.isEmpty { write("\(prefix) | " + String(decoding: pending, as: UTF8.self)) }
            drained.signal()
        }
    }

    /// SIGTERM, as Ctrl-C in a terminal would end it (the terminal's SIGINT reaches it too).
    func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// Waits for it to exit and its output to be passed on; its exit status.
    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { [process, drained] in
                process.waitUntilExit()
                drained.wait()
                continuation.resume(returning: process.terminationStatus)
            }
        }
    }
}
