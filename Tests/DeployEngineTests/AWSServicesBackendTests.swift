import AWSRuntime
import AWSServices
import BerthTesting
import Crypto
import DeployEngine
import Foundation
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

/// Secrets Manager version ids are client request tokens: visible to anyone allowed
/// DescribeSecret, so they must not be computable from the value.
struct SecretVersionIdTests {
    static let value = "correct horse battery staple"
    static let spec = StoredValueSpec(store: .secretsManager, name: "berth/shop/dev/db-password", value: value, digest: "d")

    static func tokens(of transport: FakeTransport) -> [String] {
        transport.requests.compactMap { request in
            (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any])?["ClientRequestToken"] as? String
        }
    }

    @Test func versionIdsAreRandomPerWriteAndRevealNothing() async throws {
        let transport = FakeTransport { _, _ in
            FakeTransport.json(200, #"{"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:x","Name":"x"}"#)
        }
        let backend = AWSServicesBackend(client: .forTesting(transport: transport))
        _ = try await backend.putStoredValue(Self.spec, exists: false)
        _ = try await backend.putStoredValue(Self.spec, exists: true)
        let tokens = Self.tokens(of: transport)
        #expect(tokens.count == 2)
        #expect(Set(tokens).count == 2, "the same value written twice gets two unrelated ids")
        let hash = SHA256.hash(data: Data(Self.value.utf8)).map { String(format: "%02x", $0) }.joined()
        for token in tokens {
            #expect(!hash.contains(token.replacingOccurrences(of: "-", with: "").lowercased().prefix(8)))
        }
    }

    /// RegisterTaskDefinition is never sent twice blindly (a repeat is a second revision): after
    /// a 5xx, the family's newest revision is read, and one with this spec's berth:hash is the
    /// registration whose answer was lost; a revision of another hash means: register again.
    @Test(arguments: [("h1", 1), ("h0", 2)])
    func aRegisterThatMayHaveHappenedIsReReadByItsHash(newest: String, registers: Int) async throws {
        let target = "AmazonEC2ContainerServiceV20141113."
        let transport = FakeTransport { request, index in
            let definition =
                #"{"taskDefinitionArn":"arn:aws:ecs:us-east-1:123456789012:task-definition/shop-dev-web:7","family":"shop-dev-web","revision":7,"status":"ACTIVE"}"#
            switch request.header("X-Amz-Target") {
            case target + "RegisterTaskDefinition":
                return index == 0
                    ? FakeTransport.json(500, #"{"__type":"ServerException","message":"internal error"}"#)
                    : FakeTransport.json(200, #"{"taskDefinition":\#(definition)}"#)
            default:
                return FakeTransport.json(200, #"{"taskDefinition":\#(definition),"tags":[{"key":"berth:hash","value":"\#(newest)"}]}"#)
            }
        }
        let backend = AWSServicesBackend(
            client: .forTesting(transport: transport, retryPolicy: RetryPolicy(maxAttempts: 3), sleeper: RecordingSleeper()))
        let spec = ECSClient.TaskDefinitionSpec(
            family: "shop-dev-web", cpu: "256", memory: "512", containerDefinitions: [], tags: [.init(key: "berth:hash", value: "h1")])
        #expect(try await backend.registerTaskDefinition(spec).hasSuffix("shop-dev-web:7"))
        #expect(transport.requests.filter { $0.header("X-Amz-Target") == target + "RegisterTaskDefinition" }.count == registers)
    }

    @Test func aRetriedWriteKeepsItsToken() async throws {
        let transport = FakeTransport { _, index in
            index == 0
                ? FakeTransport.json(500, #"{"__type":"InternalServiceError","message":"try again"}"#)
                : FakeTransport.json(200, #"{"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:x"}"#)
        }
        let backend = AWSServicesBackend(
            client: .forTesting(transport: transport, retryPolicy: RetryPolicy(maxAttempts: 3), sleeper: RecordingSleeper()))
        _ = try await backend.putStoredValue(Self.spec, exists: true)
        let tokens = Self.tokens(of: transport)
        #expect(tokens.count == 2 && tokens[0] == tokens[1], "AWS must see the retry as the same version")
    }

    @Test func changeIsDecidedByTheStoredValueNotAVersionId() async throws {
        let transport = FakeTransport { request, _ in
            switch request.header("X-Amz-Target") {
            case "secretsmanager.DescribeSecret":
                return FakeTransport.json(200, #"{"ARN":"arn:x","VersionIdsToStages":{"6f1c-random":["AWSCURRENT"]}}"#)
            default:
                return FakeTransport.json(200, #"{"ARN":"arn:x","SecretString":"correct horse battery staple"}"#)
            }
        }
        let backend = AWSServicesBackend(client: .forTesting(transport: transport))
        #expect(try await backend.storedValue(Self.spec)?.digest == "d")
        var changed = Self.spec
        changed.value = "another"
        #expect(try await backend.storedValue(changed)?.digest == "changed")
    }
}
