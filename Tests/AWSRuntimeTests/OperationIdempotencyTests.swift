import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

/// Which calls the retry loop may repeat after a 500 (the call may have run): reads, writes with
/// a client token, and writes whose repeat leaves the same result or a tolerated error
/// (`WriteSafety.table`); not those a repeat would double (a task definition revision).
struct OperationIdempotencyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var idempotent: Bool
        var call: @Sendable (AWSClient) async throws -> Void
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "EFS CreateAccessPoint", idempotent: true) {
            _ = try await EFSClient($0).createAccessPoint(clientToken: "t", fileSystemId: "fs-1")
        },
        Case(name: "EFS DescribeAccessPoints", idempotent: true) {
            _ = try await EFSClient($0).describeAccessPoints(fileSystemId: "fs-1").collect { $0 }
        },
        Case(name: "EFS DeleteAccessPoint", idempotent: true) { try await EFSClient($0).deleteAccessPoint(id: "fsap-1") },
        Case(name: "EFS TagResource", idempotent: true) { try await EFSClient($0).tagResource(id: "fsap-1", tags: []) },
        Case(name: "EFS CreateFileSystem", idempotent: true) { _ = try await EFSClient($0).createFileSystem(creationToken: "t") },
        Case(name: "ECS RegisterTaskDefinition", idempotent: false) {
            _ = try await ECSClient($0).registerTaskDefinition(.init(family: "f", cpu: "256", memory: "512", containerDefinitions: []))
        },
        Case(name: "ECS DescribeTaskDefinition", idempotent: true) { _ = try await ECSClient($0).describeTaskDefinition("f") },
        Case(name: "ECS DeregisterTaskDefinition", idempotent: true) { _ = try await ECSClient($0).deregisterTaskDefinition("f:1") },
        Case(name: "ECS CreateService with a client token", idempotent: true) {
            _ = try await ECSClient($0).createService(.init(cluster: "c", serviceName: "s", taskDefinition: "f", desiredCount: 1, clientToken: "tok"))
        },
        Case(name: "ECS CreateService without a client token", idempotent: false) {
            _ = try await ECSClient($0).createService(.init(cluster: "c", serviceName: "s", taskDefinition: "f", desiredCount: 1))
        },
        Case(name: "ECS UpdateService", idempotent: true) { _ = try await ECSClient($0).updateService(.init(cluster: "c", service: "s")) },
        Case(name: "ECS UpdateService forcing a deployment", idempotent: false) {
            _ = try await ECSClient($0).updateService(.init(cluster: "c", service: "s", forceNewDeployment: true))
        },
        Case(name: "ECS DescribeServices", idempotent: true) { _ = try await ECSClient($0).describeServices(cluster: "c", services: ["s"]) },
        Case(name: "ECS DeleteService", idempotent: true) { _ = try await ECSClient($0).deleteService(cluster: "c", service: "s") },
        Case(name: "ECS DescribeTasks", idempotent: true) { _ = try await ECSClient($0).describeTasks(cluster: "c", tasks: ["t"]) },
        Case(name: "IAM PutRolePolicy", idempotent: true) { try await IAMClient($0).putRolePolicy(roleName: "r", policyName: "p", document: "{}") },
        Case(name: "IAM GetRolePolicy", idempotent: true) { _ = try await IAMClient($0).getRolePolicy(roleName: "r", policyName: "p") },
        Case(name: "SecretsManager CreateSecret", idempotent: true) {
            _ = try await SecretsManagerClient($0).createSecret(name: "n", secretString: "v")
        },
        Case(name: "SecretsManager PutSecretValue", idempotent: true) {
            _ = try await SecretsManagerClient($0).putSecretValue(secretId: "n", secretString: "v")
        },
        Case(name: "SecretsManager DeleteSecret", idempotent: true) { try await SecretsManagerClient($0).deleteSecret("n") },
        Case(name: "SSM PutParameter", idempotent: false) { try await SSMClient($0).putParameter(name: "/n", value: "v") },
        Case(name: "SSM GetParameters", idempotent: true) { _ = try await SSMClient($0).getParameters(names: ["/n"]) },
        Case(name: "AutoScaling RegisterScalableTarget", idempotent: true) {
            try await ApplicationAutoScalingClient($0).registerScalableTarget(resourceId: "service/c/s", minCapacity: 1, maxCapacity: 2)
        },
        Case(name: "Logs FilterLogEvents", idempotent: true) {
            _ = try await CloudWatchLogsClient($0).filterLogEvents(groupName: "g").collect { $0 }
        },
        Case(name: "Logs PutLogEvents", idempotent: false) {
            try await CloudWatchLogsClient($0).putLogEvents(groupName: "g", streamName: "s", events: [])
        },
        Case(name: "ECR DescribeImages", idempotent: true) { _ = try await ECRClient($0).describeImages(repositoryName: "r").collect { $0 } },
    ]

    @Test(arguments: cases)
    func retriedAfterA500OnlyWhenIdempotent(_ testCase: Case) async throws {
        let transport = FakeTransport { request, index in
            if index == 0 {
                let isXML = String(decoding: request.body, as: UTF8.self).hasPrefix("Action=")
                return isXML
                    ? FakeTransport.xml(500, "<ErrorResponse><Error><Code>InternalFailure</Code></Error></ErrorResponse>")
                    : FakeTransport.json(500, #"{"__type":"InternalFailure"}"#)
            }
            return FakeTransport.json(200, "{}")
        }
        let client = AWSClient.forTesting(transport: transport, retryPolicy: RetryPolicy(maxAttempts: 2))
        _ = try? await testCase.call(client)
        #expect(transport.requests.count == (testCase.idempotent ? 2 : 1))
    }
}
