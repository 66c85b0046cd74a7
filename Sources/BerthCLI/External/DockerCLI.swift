import Foundation

/// The local `docker` client, run as a child process: its output goes to Berth's stderr (stdout
/// stays for Berth's result, JSON included), and Ctrl-C reaches it as it reaches Berth (same
/// process group).
struct DockerCLI {
    /// The `docker` executable found on `PATH`.
    let executable: String
    /// The child's environment.
    var environment: [String: String]

    init?(environment: [String: String]) {
        guard let found = ChildProcess.find("docker", path: environment["PATH"] ?? "") else { return nil }
        executable = found
        self.environment = environment
    }

    /// Runs `docker arguments…` and returns its exit status; with `quiet` its output is dropped.
    @discardableResult
    func run(_ arguments: [String], quiet: Bool = false, directory: String? = nil) throws -> Int32 {
        let output = quiet ? FileHandle.nullDevice : FileHandle.standardError
        let process = try start(arguments, directory: directory, output: output, errors: output)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs `docker arguments…` and returns its exit status and standard output; its standard
    /// error goes to Berth's.
    func capture(_ arguments: [String], directory: String? = nil) throws -> (status: Int32, output: String) {
        let pipe = Pipe()
        let process = try start(arguments, directory: directory, output: pipe)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Starts `docker arguments…` without waiting (`docker compose logs --follow` beside a
    /// process of Berth's); by default its output goes to Berth's stderr.
    func start(
        _ arguments: [String], directory: String? = nil, output: Any = FileHandle.standardError, errors: Any = FileHandle.standardError
    ) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return process
    }

    /// Whether a Docker engine answers (`docker version` reaches the server).
    var engineAnswers: Bool { (try? run(["version", "--format", "{{.Server.Version}}"], quiet: true)) == 0 }

    /// Whether the buildx plugin is installed.
    var hasBuildx: Bool { (try? run(["buildx", "version"], quiet: true)) == 0 }
}
