import AWSRuntime
import BerthTesting
import Foundation
import Testing

struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, baseDelay: 0.1, throttlingBaseDelay: 0.5, maxBackoff: 20)

    func serviceError(_ code: String, _ status: Int) -> AWSServiceError {
        AWSServiceError(code: code, message: "", httpStatus: status, requestId: nil, service: "ECS", operation: "X")
    }

    @Test func throttlingIsRetriedEvenForWrites() {
        #expect(
            policy.decide(error: serviceError("ThrottlingException", 400), attempt: 1, idempotent: false, random: 0.5) == .retry(after: 0.25, cost: 5)
        )
    }

    @Test func serverErrorsAreRetriedOnlyWhenRepeatingIsSafe() {
        #expect(policy.decide(error: serviceError("InternalFailure", 500), attempt: 1, idempotent: true, random: 1) == .retry(after: 0.1, cost: 5))
        #expect(policy.decide(error: serviceError("InternalFailure", 500), attempt: 1, idempotent: false, random: 1) == .stop)
        let lost = TransportError(kind: .connectionLost, message: "reset", url: "x")
        #expect(policy.decide(error: lost, attempt: 1, idempotent: false, random: 1) == .stop)
        let refused = TransportError(kind: .connectionRefused, message: "refused", url: "x")
        #expect(policy.decide(error: refused, attempt: 1, idempotent: false, random: 1) == .retry(after: 0.1, cost: 5))
        let timeout = TransportError(kind: .timedOut, message: "", url: "x")
        #expect(policy.decide(error: timeout, attempt: 1, idempotent: true, random: 1) == .retry(after: 0.1, cost: 10))
    }

    @Test func clientErrorsAreNotRetried() {
        #expect(policy.decide(error: serviceError("ValidationError", 400), attempt: 1, idempotent: true, random: 0.5) == .stop)
    }

    @Test func backoffGrowsThenCapsAndAttemptsRunOut() {
        let throttle = serviceError("Throttling", 400)
        #expect(policy.decide(error: throttle, attempt: 3, idempotent: true, random: 1) == .retry(after: 2, cost: 5))
        let capped = RetryPolicy(maxAttempts: 20, throttlingBaseDelay: 0.5, maxBackoff: 20)
        #expect(capped.decide(error: throttle, attempt: 12, idempotent: true, random: 1) == .retry(after: 20, cost: 5))
        #expect(policy.decide(error: throttle, attempt: 4, idempotent: true, random: 1) == .stop)
    }

    @Test func clientGivesUpAfterMaxAttemptsNamingTheThrottling() async throws {
        let transport = FakeTransport { _, _ in
            FakeTransport.json(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
        }
        let sleeper = RecordingSleeper()
        let client = AWSClient.forTesting(transport: transport, retryPolicy: RetryPolicy(maxAttempts: 3), sleeper: sleeper)
        let ecs = ServiceDescriptor(name: "ECS", endpointPrefix: "ecs", serviceId: "ECS", protocol: .json(version: "1.1", targetPrefix: "T"))
        do {
            let _: EmptyOutput = try await client.json(ecs, operation: "ListClusters", input: EmptyInput(), idempotent: true)
            Issue.record("expected a failure")
        } catch let error as RetriesExhaustedError {
            #expect(error.attempts == 3)
            #expect(error.description.contains("ThrottlingException"))
            #expect(error.description.contains("throttling"))
        }
        #expect(transport.requests.count == 3)
        #expect(sleeper.delays.count == 2)
    }

    /// A write that may have happened is not repeated by the client, and says so (not "gave up
    /// after N attempts", which AWS_MAX_ATTEMPTS would not change); callers that re-read see it
    /// as the transient failure it was, however many throttles came before.
    @Test func aWriteThatMayHaveHappenedIsNotRepeatedAndSaysSo() async throws {
        let transport = FakeTransport { _, index in
            index == 0
                ? FakeTransport.json(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
                : FakeTransport.json(500, #"{"__type":"ServerException","message":"internal error"}"#)
        }
        let client = AWSClient.forTesting(transport: transport, retryPolicy: RetryPolicy(maxAttempts: 5), sleeper: RecordingSleeper())
        let ecs = ServiceDescriptor(name: "ECS", endpointPrefix: "ecs", serviceId: "ECS", protocol: .json(version: "1.1", targetPrefix: "T"))
        do {
            let _: EmptyOutput = try await client.json(ecs, operation: "RegisterTaskDefinition", input: EmptyInput(), idempotent: false)
            Issue.record("expected a failure")
        } catch let error as NotRepeatedError {
            #expect(error.description.contains("it may have taken effect, so it was not sent again"))
            #expect(RetryPolicy.isTransient(error))
        }
        #expect(transport.requests.count == 2, "the throttle was retried, the 500 was not")
        #expect(
            RetryPolicy.isTransient(
                RetriesExhaustedError(
                    attempts: 5, budgetExhausted: false,
                    last: AWSServiceError(
                        code: "ServiceUnavailable", message: "busy", httpStatus: 503, requestId: nil, service: "ECS", operation: "ListClusters"))))
    }

    @Test func anEmptyBudgetStopsRetrying() async throws {
        let transport = FakeTransport { _, _ in FakeTransport.json(503, #"{"__type":"ServiceUnavailableException"}"#) }
        let budget = RetryBudget(capacity: 12)
        let client = AWSClient.forTesting(transport: transport, retryPolicy: RetryPolicy(maxAttempts: 10), retryBudget: budget)
        let ecs = ServiceDescriptor(name: "ECS", endpointPrefix: "ecs", serviceId: "ECS", protocol: .json(version: "1.1", targetPrefix: "T"))
        do {
            let _: EmptyOutput = try await client.json(ecs, operation: "ListClusters", input: EmptyInput(), idempotent: true)
            Issue.record("expected a failure")
        } catch let error as RetriesExhaustedError {
            #expect(error.budgetExhausted)
            #expect(error.description.contains("retry budget"))
        }
        // 12 tokens pay for two retries of 5: three requests in all.
        #expect(transport.requests.count == 3)
    }

    @Test func aRetriedSuccessRefundsTheBudget() async throws {
        let transport = FakeTransport { _, index in
            index == 0 ? FakeTransport.json(500, #"{"__type":"InternalFailure"}"#) : FakeTransport.json(200, "{}")
        }
        let budget = RetryBudget(capacity: 500)
        let client = AWSClient.forTesting(transport: transport, retryPolicy: RetryPolicy(maxAttempts: 3), retryBudget: budget)
        let ecs = ServiceDescriptor(name: "ECS", endpointPrefix: "ecs", serviceId: "ECS", protocol: .json(version: "1.1", targetPrefix: "T"))
        let _: EmptyOutput = try await client.json(ecs, operation: "ListClusters", input: EmptyInput(), idempotent: true)
        #expect(await budget.available == 500)
        #expect(transport.requests.count == 2)
    }
}
