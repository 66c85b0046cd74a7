import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

/// `ServicesBackend` over the real AWS APIs.
///
/// Writes that AWS has no client token for (RegisterTaskDefinition, UpdateService) are not
/// retried blindly by the runtime; a failed or interrupted run is finished by the next one,
/// which re-reads the state first.
package struct AWSServicesBackend: ServicesBackend {
    let client: AWSClient
    var ecs: ECSClient { ECSClient(client) }
    var efs: EFSClient { EFSClient(client) }
    var iam: IAMClient { IAMClient(client) }
    var secrets: SecretsManagerClient { SecretsManagerClient(client) }
    var ssm: SSMClient { SSMClient(client) }
    var ecr: ECRClient { ECRClient(client) }
    var logs: CloudWatchLogsClient { CloudWatchLogsClient(client) }
    var scaling: ApplicationAutoScalingClient { ApplicationAutoScalingClient(client) }

    package init(client: AWSClient) {
        self.client = client
    }

    // MARK: Stored values

    // MARK: Lock

    package func createLock(_ name: String, value: String) async throws -> Bool {
        do {
            // Retried after a lost answer: the retry finds the record, and `EnvironmentLock` knows
            // it by its token.
            try await ssm.putParameter(
                name: name, value: value, overwrite: false, description: "Berth's deploy lock of this environment", idempotent: true)
            return true
        } catch let error as AWSServiceError where error.isParameterAlreadyExists {
            return false
        }
    }

    package func readLock(_ name: String) async throws -> String? {
        try await ssm.getParameters(names: [name], withDecryption: false).Parameters?.first { $0.Name == name }?.Value
    }

    package func deleteLock(_ name: String) async throws {
        try await ssm.deleteParameters(names: [name])
    }

    package func storedValue(_ spec: StoredValueSpec) async throws -> ObservedValue? {
        switch spec.store {
        case .secretsManager:
            do {
                let secret = try await secrets.describeSecret(spec.name)
                guard secret.DeletedDate == nil, let arn = secret.ARN else { return nil }
                // Compared with the stored value itself: a version id derived from the value
                // (its hash) would let anyone allowed DescribeSecret test guesses offline.
                let current = try await secrets.getSecretValue(arn)
                return ObservedValue(arn: arn, digest: current.SecretString == spec.value ? spec.digest : "changed", version: current.VersionId)
            } catch let error as AWSServiceError where error.isResourceNotFound {
                return nil
            }
        case .parameterStore:
            let found = try await ssm.getParameters(names: [spec.name], withDecryption: false)
            guard let parameter = found.Parameters?.first(where: { $0.Name == spec.name }) else { return nil }
            let value = parameter.Value ?? ""
            return ObservedValue(
                arn: parameter.ARN ?? "", digest: value == spec.value ? spec.digest : "changed", version: parameter.Version.map(String.init))
        }
    }

    package func putStoredValue(_ spec: StoredValueSpec, exists: Bool) async throws -> ObservedValue {
        switch spec.store {
        case .secretsManager:
            // A random version id per change, reused by the runtime's retries of this one write
            // (they resend the same request): it says nothing about the value.
            let token = UUID().uuidString
            if !exists {
                do {
                    let created = try await secrets.createSecret(
                        name: spec.name, secretString: spec.value, clientRequestToken: token, description: "Managed by Berth",
                        tags: [.init(Key: BerthTag.managed, Value: "true")])
                    return ObservedValue(arn: created.ARN ?? spec.name, digest: spec.digest, version: created.VersionId ?? token)
                } catch let error as AWSServiceError where error.isResourceExists {
                    // Created by an earlier, interrupted run: fall through to a new version.
                }
            }
            let put = try await secrets.putSecretValue(secretId: spec.name, secretString: spec.value, clientRequestToken: token)
            return ObservedValue(arn: put.ARN ?? spec.name, digest: spec.digest, version: put.VersionId ?? token)
        case .parameterStore:
            // Parameter Store standard tier holds 4 KB; up to 8 KB needs the advanced tier.
            let tier = spec.value.utf8.count > 4096 ? "Advanced" : "Standard"
            guard spec.value.utf8.count <= 8192 else {
                throw DeployError(
                    "\(spec.name) is \(spec.value.utf8.count) bytes; Parameter Store holds at most 8 KB",
                    hint: "bake large files into the image instead")
            }
            let version = try await ssm.putParameter(
                name: spec.name, value: spec.value, type: "String", overwrite: true, tier: tier, description: "Managed by Berth", idempotent: true)
            return ObservedValue(arn: spec.name, digest: spec.digest, version: String(version))
        }
    }

    package func deleteStoredValue(store: StoredValueSpec.Store, name: String) async throws {
        switch store {
        case .secretsManager:
            do { _ = try await secrets.deleteSecret(name, forceDeleteWithoutRecovery: true) } catch let error as AWSServiceError
                where error.isResourceNotFound
            {}
        case .parameterStore:
            _ = try await ssm.deleteParameters(names: [name])
        }
    }

    package func storedValueNames(prefix: String) async throws -> [(StoredValueSpec.Store, String)] {
        let secretNames = try await secrets.listSecrets(filters: [.init(key: "name", values: [prefix])]).collect { $0 }.compactMap(\.Name)
            .filter { $0.hasPrefix(prefix) }
        let parameters = try await ssm.getParametersByPath(path: "/" + prefix, recursive: true, withDecryption: false).collect { $0 }.map(\.Name)
        let secretEntries = secretNames.map { (StoredValueSpec.Store.secretsManager, $0) }
        return secretEntries + parameters.map { (StoredValueSpec.Store.parameterStore, $0) }
    }

    // MARK: Access points

    package func accessPoints(fileSystemIds: [String]) async throws -> [ObservedAccessPoint] {
        var found: [ObservedAccessPoint] = []
        for id in fileSystemIds {
            let points = try await efs.describeAccessPoints(fileSystemId: id).collect { $0 }
            found += points.filter { $0.LifeCycleState?.isGone != true }.map(Self.observed)
        }
        return found
    }

    static func observed(_ point: EFSClient.AccessPoint) -> ObservedAccessPoint {
        func tag(_ key: String) -> String? { point.Tags?.first { $0.Key == key }?.Value }
        return ObservedAccessPoint(
            id: point.AccessPointId, arn: point.AccessPointArn ?? point.AccessPointId, fileSystemId: point.FileSystemId ?? "",
            clientToken: point.ClientToken, mount: tag(BerthTag.mount), project: tag(BerthTag.project), environment: tag(BerthTag.environment))
    }

    package func createAccessPoint(_ spec: AccessPointSpec, tags: [EFSTag]) async throws -> ObservedAccessPoint {
        do {
            return Self.observed(
                try await efs.createAccessPoint(
                    clientToken: spec.clientToken, fileSystemId: spec.fileSystemId,
                    posixUser: spec.enforcesUser ? .init(Uid: spec.uid, Gid: spec.gid) : nil,
                    rootDirectory: .init(
                        Path: spec.rootDirectory, CreationInfo: .init(OwnerUid: spec.uid, OwnerGid: spec.gid, Permissions: spec.permissions)),
                    tags: tags))
        } catch let error as AWSServiceError where error.isAccessPointAlreadyExists {
            // The token was used by an earlier (perhaps interrupted) create: that access point is ours.
            guard let id = error.fields["AccessPointId"],
                let existing = try await efs.describeAccessPoints(accessPointId: id).collect({ $0 }).first
            else { throw error }
            return Self.observed(existing)
        }
    }

    package func deleteAccessPoint(id: String) async throws {
        do { try await efs.deleteAccessPoint(id: id) } catch let error as AWSServiceError where error.isAccessPointNotFound {}
    }

    // MARK: Role policies

    static func roleName(_ arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }

    package func rolePolicy(roleArn: String, name: String) async throws -> String? {
        do {
            return try await iam.getRolePolicy(roleName: Self.roleName(roleArn), policyName: name).PolicyDocument
        } catch let error as AWSServiceError where error.isNoSuchEntity {
            return nil
        }
    }

    package func putRolePolicy(roleArn: String, name: String, document: String) async throws {
        try await iam.putRolePolicy(roleName: Self.roleName(roleArn), policyName: name, document: document)
    }

    // MARK: Images

    /// One DescribeImages per repository for up to 100 tags (its limit). AWS answers
    /// ImageNotFoundException for the whole call when one tag is missing: then each tag alone.
    package func imageDigests(_ tags: [String: Set<String>]) async throws -> [String: [String: String]] {
        var found: [String: [String: String]] = [:]
        for (uri, wanted) in tags {
            guard let slash = uri.firstIndex(of: "/") else { continue }
            let repository = String(uri[uri.index(after: slash)...])
            for chunk in wanted.sorted().chunked(100) {
                do {
                    found[uri, default: [:]].merge(try await digests(repository, chunk)) { a, _ in a }
                } catch let error as AWSServiceError where error.isImageNotFound && chunk.count > 1 {
                    for tag in chunk {
                        do {
                            found[uri, default: [:]].merge(try await digests(repository, [tag])) { a, _ in a }
                        } catch let error as AWSServiceError where error.isImageNotFound {}
                    }
                } catch let error as AWSServiceError where error.isImageNotFound || error.isRepositoryNotFound {
                    continue
                }
            }
        }
        return found
    }

    /// Tag → digest for those of `tags` the repository has.
    private func digests(_ repository: String, _ tags: [String]) async throws -> [String: String] {
        let details = try await ecr.describeImages(repositoryName: repository, imageIds: tags.map { .init(imageTag: $0) }).collect { $0 }
        var digests: [String: String] = [:]
        for detail in details {
            for tag in detail.imageTags ?? [] where tags.contains(tag) { digests[tag] = detail.imageDigest }
        }
        return digests
    }
}
