import BerthJSON
import StackTemplates

/// The inline policy that lets a task's role mount its members' volumes only through their own
/// access points: ClientMount and ClientWrite on the file systems, on the condition
/// `elasticfilesystem:AccessPointArn`. The API mode sends it as JSON text (`document()`), the
/// single template as an `AWS::IAM::Policy` document.
public struct MountPolicy: Sendable, Equatable {
    /// The file systems' ARNs.
    public var fileSystemArns: [StackString]
    /// The access points' ARNs, in `StackString.sortKey` order.
    public var accessPointArns: [StackString]

    public init(fileSystemArns: [StackString], accessPointArns: [StackString]) {
        self.fileSystemArns = fileSystemArns
        self.accessPointArns = accessPointArns
    }

    public static let sid = "MountOwnAccessPoints"
    public static let actions = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    public static let conditionKey = "elasticfilesystem:AccessPointArn"

    /// The policy as JSON, every ARN known.
    public func document() throws -> JSONValue {
        func strings(_ values: [StackString]) throws -> JSONValue { .array(try values.map { .string(try $0.known("an ARN of a mount policy")) }) }
        return .object([
            "Version": .string("2012-10-17"),
            "Statement": .array([
                .object([
                    "Sid": .string(Self.sid), "Effect": .string("Allow"), "Action": .array(Self.actions.map(JSONValue.string)),
                    "Resource": try strings(fileSystemArns),
                    "Condition": .object(["StringEquals": .object([Self.conditionKey: try strings(accessPointArns)])]),
                ])
            ]),
        ])
    }
}
