import AWSRuntime
import AWSServices
import BerthTesting
import DeployEngine
import Testing

/// The AWS backend over a fake transport, for the AWS answers it turns into outcomes.
struct AWSServicesBackendTests {
    static let spec = ServiceSpec(cluster: "shop-dev", serviceName: "web", taskDefinition: "shop-dev-web:1", desiredCount: 1)

    static func backend(answering message: String) -> (AWSServicesBackend, FakeTransport) {
        let transport = FakeTransport { _, _ in
            FakeTransport.json(400, #"{"__type":"InvalidParameterException","message":"\#(message)"}"#)
        }
        return (AWSServicesBackend(client: .forTesting(transport: transport)), transport)
    }

    /// A service an earlier attempt created (its answer lost) is refused as "not idempotent";
    /// the create has then happened, so it is not an error.
    @Test func createServiceTakesTheNotIdempotentRefusalAsDone() async throws {
        let (backend, transport) = Self.backend(answering: "Creation of service was not idempotent.")
        try await backend.createService(Self.spec)
        #expect(transport.requests.count == 1)
    }

    @Test func createServicePassesOtherInvalidParametersOn() async {
        let (backend, _) = Self.backend(answering: "The target group does not have an associated load balancer.")
        await #expect {
            try await backend.createService(Self.spec)
        } throws: { error in
            (error as? AWSServiceError)?.code == "InvalidParameterException"
        }
    }
}
