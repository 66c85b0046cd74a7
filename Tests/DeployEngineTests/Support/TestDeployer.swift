import AWSRuntime
import BerthTesting
import Foundation

@testable import DeployEngine

/// A deployer over a scripted CloudFormation whose waits return at once and are recorded.
struct TestDeployer {
    let fake = FakeCloudFormation()
    let sleeper = RecordingSleeper()
    let deployer: StackDeployer

    /// - Parameter secondsPerReading: how far the clock moves each time it is read (0: it stands still).
    init(artifactsBucket: String? = nil, secondsPerReading: Double = 0) {
        let clock = Recorded<Int>()
        let waiter = Waiter(
            minDelay: 2, maxDelay: 10, timeout: 600, sleeper: sleeper, random: RandomSource(seed: 1),
            now: {
                clock.append(1)
                return Date(timeIntervalSince1970: 1_800_000_000 + secondsPerReading * Double(clock.all.count - 1))
            })
        deployer = StackDeployer(client: fake.client, waiter: waiter, random: RandomSource(seed: 7), artifactsBucket: artifactsBucket)
    }

    static let template = "Resources:\n  AppLogs:\n    Type: AWS::Logs::LogGroup\n"
    static let newTemplate = "Resources:\n  AppLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 14\n"

    static func request(_ template: String = newTemplate) -> StackRequest {
        StackRequest(name: "site-dev", templateBody: template)
    }
}

/// Collects what the deployer hands its callback.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [DeployEvent] = []

    func append(_ event: DeployEvent) { lock.withLock { recorded.append(event) } }
    var events: [DeployEvent] { lock.withLock { recorded } }

    var resources: [StackResourceEvent] {
        events.compactMap { if case .resource(let event) = $0 { event } else { nil } }
    }

    var steps: [DeployStep] {
        events.compactMap { if case .step(let step) = $0 { step } else { nil } }
    }
}
