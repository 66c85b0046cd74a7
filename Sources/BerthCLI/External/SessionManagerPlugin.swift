import Foundation

/// AWS's Session Manager plugin (`session-manager-plugin`), which carries an ECS Exec session
/// between the terminal and the container, invoked the way the AWS CLI's `ecs execute-command`
/// invokes it.
struct SessionManagerPlugin {
    let executable: String

    static let name = "session-manager-plugin"
    static let installGuide = "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html"
    /// From this version on the plugin reads the session from an environment variable, which
    /// keeps its token out of the process list (`ps`); older ones take it as an argument.
    static let firstVersionReadingEnvironment = [1, 2, 497, 0]
    static let sessionVariable = "AWS_SSM_START_SESSION_RESPONSE"

    init?(path: String) {
        guard let found = ChildProcess.find(Self.name, path: path) else { return nil }
        executable = found
    }

    /// `1.2.650.0` → whether it is at least `firstVersionReadingEnvironment`.
    static func readsEnvironment(version: String) -> Bool {
        let parts = version.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").map { Int($0) ?? 0 }
        for (index, wanted) in firstVersionReadingEnvironment.enumerated() {
            let have = index < parts.count ? parts[index] : 0
            if have != wanted { return have > wanted }
        }
        return true
    }

    /// The plugin's arguments and the variables added to its environment: the session (or the
    /// variable holding it), the region, `StartSession`, the profile, the target
    /// `ecs:<cluster>_<task id>_<container runtime id>`, and the ECS endpoint.
    static func invocation(
        session: String, region: String, profile: String?, cluster: String, taskId: String, runtimeId: String, endpoint: String,
        readsEnvironment: Bool
    ) throws -> (arguments: [String], environment: [String: String]) {
        let target = String(decoding: try JSONEncoder().encode(["Target": "ecs:\(cluster)_\(taskId)_\(runtimeId)"]), as: UTF8.self)
        let first = readsEnvironment ? sessionVariable : session
        return ([first, region, "StartSession", profile ?? "", target, endpoint], readsEnvironment ? [sessionVariable: session] : [:])
    }

    /// The plugin's version (`--version`), nil when it cannot say.
    func version() -> String? {
        ChildProcess.output(executable, ["--version"])
    }

    /// Runs the plugin attached to this terminal until the session ends (it puts the terminal in
    /// raw mode, so Ctrl-C reaches the remote shell as a keystroke). Returns its exit status.
    func run(arguments: [String], environment: [String: String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
