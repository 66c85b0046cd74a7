import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// Through a gate of its own that injects throttling, 5xx answers and dropped connections.
    @Suite struct FaultInjection {
        @Test func fiftyCallsSucceedThroughInjectedFaults() async throws {
            let shared = try LocalAWS.require()
            let faulty = try shared.startFaultyFront(faults: "throttle=0.2,error500=0.05,reset=0.05", seed: 7)
            defer { faulty.stop() }
            let sleeper = RecordingSleeper()
            let ecs = ECSClient(faulty.awsClient(retryPolicy: RetryPolicy(), sleeper: sleeper, seed: 7))
            for _ in 0..<50 {
                _ = try await ecs.listClusters().collect { $0.clusterArns ?? [] }
            }
            let stats = try faulty.client.stats()
            let injected = stats.faults.values.reduce(0, +)
            #expect(injected > 0, "the gate should have injected faults: \(stats.faults)")
            #expect(stats.total == 50 + injected, "every fault was followed by exactly one retry")
            #expect(sleeper.delays.count == injected)
            #expect((stats.faults["throttle"] ?? 0) > 0)
            try faulty.client.expectNoRejections()
        }

        /// Issue 12, item 9: a connection reset, on a fresh or a reused connection, is a lost
        /// connection at once, named with the AWS call, and never a 20-second timeout (libcurl
        /// used to resend the headers of a reused connection's request without its body).
        @Test func aResetIsALostConnectionNamedWithTheCallNeverATimeout() async throws {
            let shared = try LocalAWS.require()
            let faulty = try shared.startFaultyFront(faults: "reset=0.5", seed: 3)
            defer { faulty.stop() }
            let ecs = ECSClient(faulty.awsClient(retryPolicy: .noRetry, timeout: 20))
            var lost = 0
            for _ in 0..<16 {
                do {
                    _ = try await ecs.listClusters().collect { $0.clusterArns ?? [] }
                } catch let error as TransportError {
                    #expect(error.kind == .connectionLost, "\(error)")
                    #expect(error.description.hasPrefix("ECS ListClusters failed: "), "\(error)")
                    lost += 1
                }
            }
            let injected = try faulty.client.stats().faults.values.reduce(0, +)
            #expect(lost > 2 && lost == injected)
        }

        @Test func anEndpointThatAlwaysThrottlesGivesUpNamingTheThrottling() async throws {
            let shared = try LocalAWS.require()
            let faulty = try shared.startFaultyFront(faults: "throttle=1.0", seed: 1)
            defer { faulty.stop() }
            let sleeper = RecordingSleeper()
            let ecs = ECSClient(faulty.awsClient(retryPolicy: RetryPolicy(maxAttempts: 5), sleeper: sleeper))
            do {
                _ = try await ecs.listClusters().collect { $0.clusterArns ?? [] }
                Issue.record("expected the retries to run out")
            } catch let error as RetriesExhaustedError {
                #expect(error.attempts == 5)
                #expect(error.description.contains("ThrottlingException"))
                #expect(error.description.contains("AWS kept throttling"))
            }
            #expect(try faulty.client.stats().total == 5)
            #expect(sleeper.delays.count == 4)
        }
    }
}
