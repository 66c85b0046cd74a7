import AWSRuntime

extension ECRClient {
    struct CreateRepositoryInput: Encodable {
        struct ScanningConfiguration: Encodable { var scanOnPush: Bool }
        struct EncryptionConfiguration: Encodable { var encryptionType: String }
        struct Tag: Encodable {
            var Key: String
            var Value: String
        }
        var repositoryName: String
        var imageTagMutability: String
        var imageScanningConfiguration: ScanningConfiguration
        var encryptionConfiguration: EncryptionConfiguration
        var tags: [Tag]?
    }

    struct CreateRepositoryOutput: Decodable {
        var repository: Repository
    }

    struct PutLifecyclePolicyInput: Encodable {
        var repositoryName: String
        var lifecyclePolicyText: String
    }

    struct PutLifecyclePolicyOutput: Decodable {
        var repositoryName: String?
    }

    /// A repository with the settings the infrastructure template gives its own: scan on push,
    /// KMS encryption, mutable tags (Berth deploys by digest). A name already taken is
    /// `RepositoryAlreadyExistsException`, so a retry after a lost answer is told apart.
    package func createRepository(name: String, tags: [String: String] = [:]) async throws -> Repository {
        let input = CreateRepositoryInput(
            repositoryName: name, imageTagMutability: "MUTABLE", imageScanningConfiguration: .init(scanOnPush: true),
            encryptionConfiguration: .init(encryptionType: "KMS"),
            tags: tags.isEmpty ? nil : tags.sorted { $0.key < $1.key }.map { .init(Key: $0.key, Value: $0.value) })
        let output: CreateRepositoryOutput = try await client.json(Self.descriptor, operation: "CreateRepository", input: input, idempotent: true)
        return output.repository
    }

    /// Replaces the repository's lifecycle policy (a JSON document of expiry rules).
    package func putLifecyclePolicy(repositoryName: String, policy: String) async throws {
        let _: PutLifecyclePolicyOutput = try await client.json(
            Self.descriptor, operation: "PutLifecyclePolicy",
            input: PutLifecyclePolicyInput(repositoryName: repositoryName, lifecyclePolicyText: policy),
            idempotent: true)
    }
}

extension AWSServiceError {
    package var isRepositoryAlreadyExists: Bool { code == "RepositoryAlreadyExistsException" }
}
