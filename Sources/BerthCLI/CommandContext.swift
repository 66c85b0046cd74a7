import AWSRuntime
import Foundation
import Logging

/// What a command needs, resolved once: the global options, the process environment, the
/// printer, and — only when a command asks — the AWS session.
final class CommandContext: Sendable {
    let globals: GlobalOptions
    let processEnvironment: [String: String]
    let printer: Printer
    let prompter: Prompter
    let workingDirectory: String
    let transport: any HTTPTransport

    init(globals: GlobalOptions, surroundings: Surroundings = Surroundings()) {
        self.globals = globals
        self.processEnvironment = surroundings.processEnvironment
        self.printer = Printer(format: globals.output, console: surroundings.console)
        var prompter = Prompter(console: surroundings.console, readAnswer: surroundings.readAnswer)
        if let interactive = surroundings.interactive { prompter.isInteractive = interactive }
        self.prompter = prompter
        self.workingDirectory = surroundings.workingDirectory
        self.transport = surroundings.transport ?? DeferredTransport { URLSessionTransport() }
    }

    /// A path given on the command line, resolved against the working directory.
    func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingDirectory + "/")).standardizedFileURL.path
    }

    /// Region, credentials and endpoints; throws with a hint when any of them cannot be found.
    ///
    /// - Parameter siteRegion: the compose file's `x-berth` region. It wins over `AWS_REGION`
    ///   and the profile (a site lives in one region; a shell's default must not move it), but
    ///   not over `--region`.
    func awsSession(siteRegion: String? = nil) throws -> AWSSession {
        let logger =
            globals.verbose
            ? Logger(label: "berth.aws", factory: { [printer] _ in StderrLineLogHandler(prefix: "aws: ", console: printer.console) }) : nil
        return try AWSSession.make(
            AWSSession.Options(profile: globals.profile, region: globals.region ?? siteRegion, environment: processEnvironment, logger: logger),
            transport: transport)
    }

    /// A client for one region with the command's credentials: ECR registries live in their own
    /// region, which need not be the site's.
    func awsClient(region: String) throws -> AWSClient {
        try AWSSession.make(
            AWSSession.Options(profile: globals.profile, region: region, environment: processEnvironment, logger: nil), transport: transport
        ).client
    }
}
