import BerthTesting
import Foundation
import Testing

/// All integration tests share one local AWS (the emulator, and the gate where CI layers it in), so they run one at a time.
@Suite(.serialized, .enabled(if: LocalAWS.isAvailable, "needs the local AWS (.venv, or BERTH_EMULATOR_URL)"))
struct Integration {}

extension EmulatorClient {
    /// Fails the test if the gate refused any request since the last reset: a bad signature or
    /// a request shape AWS would reject.
    func expectNoRejections(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let rejected = try rejections()
        #expect(
            rejected.isEmpty,
            "the gate refused: \(rejected.map { "\($0.service ?? "?") \($0.operation ?? "?") \($0.auth ?? "") \($0.validation ?? "") \($0.error ?? "")" })",
            sourceLocation: sourceLocation)
    }
}

/// A compose project in a fresh folder, and `berth` run in it against the local AWS.
struct TestProject {
    let folder: URL
    let environment: [String: String]

    init(_ prefix: String, compose: String, aws: LocalAWS, environment extra: [String: String] = [:]) throws {
        folder = try projectFolder(prefix, compose: compose)
        environment = aws.berthEnvironment(extra)
    }

    func berth(_ arguments: [String]) throws -> BerthBinary.Result {
        try BerthBinary.run(arguments, environment: environment, directory: folder)
    }

    /// Removes what a test deployed, data included, whatever state the test ended in.
    func tearDown() {
        _ = try? berth(["down", "--infra", "--delete-data", "--yes"])
    }
}
