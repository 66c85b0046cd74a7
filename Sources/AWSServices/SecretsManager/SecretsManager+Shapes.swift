import AWSRuntime
import Foundation

extension SecretsManagerClient {
    package struct Tag: Codable, Sendable, Equatable {
        package var Key: String
        package var Value: String
        package init(Key: String, Value: String) {
            self.Key = Key
            self.Value = Value
        }
    }

    /// `Key` is `name` (prefix match), `description`, `tag-key`, `tag-value`, `primary-region`, `owning-service` or `all`.
    package struct Filter: Encodable, Sendable, Equatable {
        package var Key: String
        package var Values: [String]
        package init(key: String, values: [String]) {
            Key = key
            Values = values
        }
    }

    /// What CreateSecret and PutSecretValue return.
    package struct SecretVersion: Decodable, Sendable, Equatable {
        package var ARN: String?
        package var Name: String?
        package var VersionId: String?
    }

    package struct SecretDescription: Decodable, Sendable, Equatable {
        package var ARN: String?
        package var Name: String?
        package var Description: String?
        package var Tags: [Tag]?
        package var LastChangedDate: Date?
        /// Set when the secret is scheduled for deletion.
        package var DeletedDate: Date?
        /// Version id → stages (`AWSCURRENT`, `AWSPREVIOUS`, …). ListSecrets calls it `SecretVersionsToStages`.
        package var VersionIdsToStages: [String: [String]]?
    }

    package struct SecretValue: Decodable, Sendable, Equatable {
        package var ARN: String?
        package var Name: String?
        package var VersionId: String?
        package var SecretString: String?
        package var VersionStages: [String]?
    }

    package struct DeletedSecret: Decodable, Sendable, Equatable {
        package var ARN: String?
        package var Name: String?
        package var DeletionDate: Date?
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
