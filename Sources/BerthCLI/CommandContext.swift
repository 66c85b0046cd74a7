import AWSRuntime
import Foundation
import Logging

/// What a command needs, resolved once: the global options, the process environment, the
/// printer, and — only when a command asks — the AWS session.
final class CommandContext: Sendable {
    let globals: GlobalOptions
    let environment: [String: String]
    let printer: Printer
    let workingDirectory: String
    private let transport: any HTTPTransport

    init(globals: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment, transport: (any HTTPTransport)? = nil) {
        self.globals = globals
        self.environment = environment
        self.printer = Printer(format: globals.output)
        self.workingDirectory = FileManager.default.currentDirectoryPath
        self.transport = transport ?? URLSessionTransport()
    }

    /// Region, credentials and endpoints; throws with a hint when any of them cannot be found.
    ///
    /// - Parameter siteRegion: the compose file's `x-berth` region. It wins over `AWS_REGION`
    ///   and the profile (a site lives in one region; a shell's default must not move it), but
    ///   not over `--region`.
    func awsSession(siteRegion: String? = nil) throws -> AWSSession {
        let logger = globals.verbose ? Logger(label: "berth.aws", factory: { _ in StderrLineLogHandler(prefix: "aws: ") }) : nil
        return try AWSSession.make(
            AWSSession.Options(profile: globals.profile, region: globals.region ?? siteRegion, environment: environment, logger: logger),
            transport: transport)
    }
}
