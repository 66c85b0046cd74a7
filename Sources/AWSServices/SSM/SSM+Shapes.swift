import AWSRuntime
import Foundation

extension SSMClient {
    package struct Tag: Codable, Sendable, Equatable {
        package var Key: String
        package var Value: String
        package init(Key: String, Value: String) {
            self.Key = Key
            self.Value = Value
        }
    }

    package struct Parameter: Decodable, Sendable, Equatable {
        package var Name: String
        package var `Type`: String?
        package var Value: String?
        package var Version: Int?
        package var ARN: String?
        package var LastModifiedDate: Date?
    }

    package struct GetParametersOutput: Decodable, Sendable, Equatable {
        package var Parameters: [Parameter]?
        package var InvalidParameters: [String]?
    }

    package struct DeleteParametersOutput: Decodable, Sendable, Equatable {
        package var DeletedParameters: [String]?
        package var InvalidParameters: [String]?
    }

    struct PutParameterInput: Encodable {
        var Name: String
        var Value: String
        var `Type`: String
        var Overwrite: Bool?
        var Tier: String?
        var Description: String?
        var Tags: [Tag]?
    }

    struct PutParameterOutput: Decodable {
        var Version: Int?
    }

    struct GetParametersInput: Encodable {
        var Names: [String]
        var WithDecryption: Bool
    }

    struct GetParametersByPathInput: Encodable {
        var Path: String
        var Recursive: Bool
        var WithDecryption: Bool
        var NextToken: String?
    }

    struct GetParametersByPathOutput: Decodable {
        var Parameters: [Parameter]?
        var NextToken: String?
    }

    struct DeleteParametersInput: Encodable {
        var Names: [String]
    }
}
