import AWSRuntime
import Foundation

extension SSMClient {
    public struct Tag: Codable, Sendable, Equatable {
        public var Key: String
        public var Value: String
        public init(Key: String, Value: String) {
            self.Key = Key
            self.Value = Value
        }
    }

    public struct Parameter: Decodable, Sendable, Equatable {
        public var Name: String
        public var `Type`: String?
        public var Value: String?
        public var Version: Int?
        public var ARN: String?
        public var LastModifiedDate: Date?
    }

    public struct GetParametersOutput: Decodable, Sendable, Equatable {
        public var Parameters: [Parameter]?
        public var InvalidParameters: [String]?
    }

    public struct DeleteParametersOutput: Decodable, Sendable, Equatable {
        public var DeletedParameters: [String]?
        public var InvalidParameters: [String]?
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
