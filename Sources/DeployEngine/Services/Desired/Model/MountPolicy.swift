import BerthJSON
import StackTemplates

/// The inline policy that lets a task's role mount its members' volumes only through their own
/// access points: ClientMount and ClientWrite on the file systems, on the condition
/// `elasticfilesystem:AccessPointArn`. The API mode sends it as JSON text (`document()`), the
/// single template as an `AWS::IAM::Policy` document.
package struct MountPolicy: Sendable, Equatable {
    /// The file systems' ARNs.
    package var fileSystemArns: [StackString]
    /// The access points' ARNs, in `StackString.sortKey` order.
    package var accessPointArns: [StackString]

    package init(fileSystemArns: [StackString], accessPointArns: [StackString]) {
        self.fileSystemArns = fileSystemArns
        self.accessPointArns = accessPointArns
    }

    package static let sid = "MountOwnAccessPoints"
    package static let actions = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    package static let conditionKey = "elasticfilesystem:AccessPointArn"

    /// The policy as JSON, every ARN known.
    package func document() throws -> JSONValue {
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
