import AWSRuntime
import Foundation

extension SecretsManagerClient {
    public struct Tag: Codable, Sendable, Equatable {
        public var Key: String
        public var Value: String
        public init(Key: String, Value: String) {
            self.Key = Key
            self.Value = Value
        }
    }

    /// `Key` is `name` (prefix match), `description`, `tag-key`, `tag-value`, `primary-region`, `owning-service` or `all`.
    public struct Filter: Encodable, Sendable, Equatable {
        public var Key: String
        public var Values: [String]
        public init(key: String, values: [String]) {
            Key = key
            Values = values
        }
    }

    /// What CreateSecret and PutSecretValue return.
    public struct SecretVersion: Decodable, Sendable, Equatable {
        public var ARN: String?
        public var Name: String?
        public var VersionId: String?
    }

    public struct SecretDescription: Decodable, Sendable, Equatable {
        public var ARN: String?
        public var Name: String?
        public var Description: String?
        public var Tags: [Tag]?
        public var LastChangedDate: Date?
        /// Set when the secret is scheduled for deletion.
        public var DeletedDate: Date?
        /// Version id → stages (`AWSCURRENT`, `AWSPREVIOUS`, …). ListSecrets calls it `SecretVersionsToStages`.
        public var VersionIdsToStages: [String: [String]]?
    }

    public struct SecretValue: Decodable, Sendable, Equatable {
        public var ARN: String?
        public var Name: String?
        public var VersionId: String?
        public var SecretString: String?
        public var VersionStages: [String]?
    }

    public struct DeletedSecret: Decodable, Sendable, Equatable {
        public var ARN: String?
        public var Name: String?
        public var DeletionDate: Date?
    }

    struct CreateSecretInput: Encodable {
        var Name: String
        var SecretString: String
        var ClientRequestToken: String
        var Description: String?
        var Tags: [Tag]?
    }

    struct PutSecretValueInput: Encodable {
        var SecretId: String
        var SecretString: String
        var ClientRequestToken: String
    }

    struct SecretIdInput: Encodable {
        var SecretId: String
    }

    struct GetSecretValueInput: Encodable {
        var SecretId: String
        var VersionStage: String?
    }

    struct DeleteSecretInput: Encodable {
        var SecretId: String
        var ForceDeleteWithoutRecovery: Bool?
        var RecoveryWindowInDays: Int?
    }

    struct ListSecretsInput: Encodable {
        var Filters: [Filter]?
        var IncludePlannedDeletion: Bool?
        var NextToken: String?
    }

    struct ListSecretsOutput: Decodable {
        var SecretList: [SecretDescription]?
        var NextToken: String?
    }
}
