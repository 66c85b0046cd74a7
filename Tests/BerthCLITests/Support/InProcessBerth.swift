import AWSRuntime
import Foundation

@testable import BerthCLI

/// Runs `berth` in process: its own environment and folder, a transport the test controls, and
/// a console whose two streams the test reads afterwards.
final class InProcessBerth: @unchecked Sendable {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    private let lock = NSLock()
    private var output = ""
    private var error = ""
    var surroundings: Surroundings

    /// Image lookups are off unless `environment` says otherwise: the fake transport plays AWS,
    /// not a registry, and tests never reach beyond loopback.
    init(folder: URL, environment: [String: String], transport: any HTTPTransport) {
        let environment = environment.merging(["BERTH_IMAGE_LOOKUP": "off"]) { given, _ in given }
        surroundings = Surroundings(processEnvironment: environment, workingDirectory: folder.path, transport: transport, interactive: false)
        surroundings.console = Console { [unowned self] text, stream in
            lock.withLock {
                if stream == .output { output += text } else { error += text }
            }
        }
    }

    /// One command line; the streams start empty for each.
    func callAsFunction(_ arguments: String...) async -> Result {
        await run(arguments)
    }

    func run(_ arguments: [String]) async -> Result {
        lock.withLock {
            output = ""
            error = ""
        }
        let status = await Berth.run(arguments, in: surroundings)
        return lock.withLock { Result(status: status, output: output, error: error) }
    }
}
