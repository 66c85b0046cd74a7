import AWSRuntime
import Foundation

/// AWS Secrets Manager (awsJson1_1).
package struct SecretsManagerClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "SecretsManager", endpointPrefix: "secretsmanager", serviceId: "Secrets Manager",
        protocol: .json(version: "1.1", targetPrefix: "secretsmanager"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    /// Creates a secret with its first value. `clientRequestToken` (32–64 characters) names the
    /// version; the same token with the same value is a no-op, so the call is retried safely.
    package func createSecret(
        name: String, secretString: String, clientRequestToken: String = UUID().uuidString, description: String? = nil, tags: [Tag]? = nil
    ) async throws -> SecretVersion {
        try await client.json(
            Self.descriptor, operation: "CreateSecret",
            input: CreateSecretInput(
                Name: name, SecretString: secretString, ClientRequestToken: clientRequestToken, Description: description, Tags: tags),
            idempotent: true)
    }

    /// Stores a new value as `AWSCURRENT`. A token already used with the same value changes nothing.
    package func putSecretValue(secretId: String, secretString: String, clientRequestToken: String = UUID().uuidString) async throws -> SecretVersion
    {
        try await client.json(
            Self.descriptor, operation: "PutSecretValue",
            input: PutSecretValueInput(SecretId: secretId, SecretString: secretString, ClientRequestToken: clientRequestToken), idempotent: true)
    }

    /// Metadata and tags, never the value.
    package func describeSecret(_ secretId: String) async throws -> SecretDescription {
        try await client.json(Self.descriptor, operation: "DescribeSecret", input: SecretIdInput(SecretId: secretId), idempotent: true)
    }

    /// The `AWSCURRENT` value unless `versionStage` says otherwise.
    package func getSecretValue(_ secretId: String, versionStage: String? = nil) async throws -> SecretValue {
        try await client.json(
            Self.descriptor, operation: "GetSecretValue", input: GetSecretValueInput(SecretId: secretId, VersionStage: versionStage),
            idempotent: true)
    }

    /// Schedules deletion (7–30 days, default 30), or deletes at once with `forceDeleteWithoutRecovery`.
    @discardableResult
    package func deleteSecret(_ secretId: String, forceDeleteWithoutRecovery: Bool? = nil, recoveryWindowInDays: Int? = nil) async throws
        -> DeletedSecret
    {
        try await client.json(
            Self.descriptor, operation: "DeleteSecret",
            input: DeleteSecretInput(
                SecretId: secretId, ForceDeleteWithoutRecovery: forceDeleteWithoutRecovery, RecoveryWindowInDays: recoveryWindowInDays),
            idempotent: true)
    }

    /// Secrets matching all filters, e.g. `.init(key: "name", values: ["site/"])` (a name prefix) or `tag-key`/`tag-value`.
    package func listSecrets(filters: [Filter]? = nil, includePlannedDeletion: Bool? = nil) -> Paginator<[SecretDescription]> {
        Paginator { token in
            let page: ListSecretsOutput = try await client.json(
                Self.descriptor, operation: "ListSecrets",
                input: ListSecretsInput(Filters: filters, IncludePlannedDeletion: includePlannedDeletion, NextToken: token), idempotent: true)
            return (page.SecretList ?? [], page.NextToken)
        }
    }
}

extension AWSServiceError {
    /// CreateSecret for a name that exists (possibly scheduled for deletion).
    package var isResourceExists: Bool { code == "ResourceExistsException" }
}
