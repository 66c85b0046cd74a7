import AWSRuntime
import Foundation

/// What a command takes from the process it runs in. The defaults are the real process; tests
/// run commands in process with their own environment, folder, transport (a fake, or the local
/// AWS) and console, so a command is tested end to end without starting the binary.
struct Surroundings: Sendable {
    var processEnvironment: [String: String] = ProcessInfo.processInfo.environment
    var workingDirectory: String = FileManager.default.currentDirectoryPath
    /// `nil`: the URLSession transport to the real endpoints.
    var transport: (any HTTPTransport)? = nil
    var console: Console = .standard
    /// `nil`: interactive when standard input is a terminal.
    var interactive: Bool? = nil
    /// Answers to confirmation prompts: standard input's lines.
    var readAnswer: @Sendable () -> String? = { readLine() }
}
