import AWSRuntime
import Foundation
import Logging

extension LocalAWS {
    /// Whether integration tests should run: the local AWS is there, or CI requires it (and then
    /// a missing one fails the tests rather than skipping them).
    package static var isAvailable: Bool {
        isRequired || ((try? shared()) ?? nil) != nil
    }

    /// The shared local AWS; throws when it cannot be had.
    package static func require() throws -> LocalAWS {
        guard let aws = try shared() else { throw HarnessError("no local AWS available") }
        return aws
    }

    /// A client signing with the emulator's test keys, talking to this endpoint.
    /// A client over the real transport, with Berth's default 20 s timeout: a dropped
    /// connection must show as lost at once (see `URLSessionTransport`), never as a timeout.
    package func awsClient(
        retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 3), sleeper: any Sleeper = TaskSleeper(), seed: UInt64 = 1, timeout: TimeInterval = 20
    ) -> AWSClient {
        AWSClient.forTesting(
            transport: URLSessionTransport(requestTimeout: 30), endpoint: url, retryPolicy: retryPolicy, sleeper: sleeper, seed: seed,
            logger: ProcessInfo.processInfo.environment["BERTH_TEST_VERBOSE"] == nil ? nil : Self.debugLogger, timeout: timeout)
    }

    static var debugLogger: Logger {
        var logger = Logger(label: "berth.test")
        logger.logLevel = .debug
        return logger
    }

    /// Environment for running the `berth` binary against this endpoint, with no host AWS config leaking in.
    package func berthEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        environment["HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("berth-no-home").path
        environment["AWS_ENDPOINT_URL"] = url
        environment["AWS_ACCESS_KEY_ID"] = "testing"
        environment["AWS_SECRET_ACCESS_KEY"] = "testing"
        environment["AWS_REGION"] = "us-east-1"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        // Docker Hub is the emulator's registry: image lookups stay on loopback.
        environment["BERTH_DOCKER_HUB_MIRROR"] = controlURL
        return environment.merging(extra) { _, new in new }
    }
}

/// A fresh project folder under the temporary directory holding `compose.yaml`.
package func projectFolder(_ prefix: String, compose: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try compose.write(to: folder.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
    return folder
}

/// Runs the built `berth` executable, which sits next to the test bundle.
package enum BerthBinary {
    package struct Result: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    package static var url: URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("berth")
            if FileManager.default.isExecutableFile(atPath: candidate.path), !candidate.hasDirectoryPath { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return LocalAWS.projectRoot.appendingPathComponent(".build/debug/berth")
    }

    package static func run(_ arguments: [String], environment: [String: String], directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension LocalAWS {
    /// The `docker push` stand-in: moto has no registry endpoint, so `scripts/seed-ecr-image.py`
    /// records the image manifest through ECR's API. Goes to moto directly, past any faults.
    /// Another `build` under the same tag is a new image the tag moves to (a rebuilt image pushed again).
    /// Returns the image's digest.
    @discardableResult
    package func seedImage(region: String, repository: String, tag: String = "latest", build: String = "") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.projectRoot.appendingPathComponent(".venv/bin/python").path)
        process.arguments = [Self.projectRoot.appendingPathComponent("scripts/seed-ecr-image.py").path, motoURL, region, repository, tag, build]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw HarnessError("seeding \(repository):\(tag) failed (\(process.terminationStatus))") }
        return printed.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
    }
}

/// A command `name` in `folder/.fake-bin` (put it first on PATH) that runs the Python `script`
/// with the repository's virtual environment: a stand-in for docker or the Session Manager
/// plugin, which cannot run here.
package func fakeCommand(_ name: String, running script: URL, in folder: URL) throws -> URL {
    let bin = folder.appendingPathComponent(".fake-bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    let python = LocalAWS.projectRoot.appendingPathComponent(".venv/bin/python").path
    let command = bin.appendingPathComponent(name)
    try writeExecutable("#!/bin/sh\nexec '\(python)' '\(script.path)' \"$@\"\n", to: command)
    return bin
}
