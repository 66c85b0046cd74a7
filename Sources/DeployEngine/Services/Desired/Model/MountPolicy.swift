import BerthJSON
import StackTemplates

/// The inline policy that lets a task's role mount its members' volumes only through their own
/// access points: ClientMount and ClientWrite on the file systems, on the condition
/// `elasticfilesystem:AccessPointArn`. The API mode sends it as JSON text (`document()`), the
/// single template as an `AWS::IAM::Policy` document.
///
/// Access points that force no POSIX user (no driver_opts uid) also get ClientRootAccess: the
/// file systems have a policy of their own (deny without TLS), so EFS's default "full access"
/// no longer applies and, under IAM authorization, a root client without that permission is
/// squashed to uid 65534 — a database image's start-up `chown` would then fail.
package struct MountPolicy: Sendable, Equatable {
    /// The file systems' ARNs.
    package var fileSystemArns: [StackString]
    /// The access points' ARNs, in `StackString.sortKey` order.
    package var accessPointArns: [StackString]
    /// Those of them that force no POSIX user, in the same order.
    package var rootAccessPointArns: [StackString]

    package init(fileSystemArns: [StackString], accessPointArns: [StackString], rootAccessPointArns: [StackString] = []) {
        self.fileSystemArns = fileSystemArns
        self.accessPointArns = accessPointArns
        self.rootAccessPointArns = rootAccessPointArns
    }

    package static let sid = "MountOwnAccessPoints"
    package static let actions = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    package static let rootSid = "RootThroughOpenAccessPoints"
    package static let rootActions = ["elasticfilesystem:ClientRootAccess"]
    package static let conditionKey = "elasticfilesystem:AccessPointArn"

    /// Each statement: its id, actions and the access points it is conditioned on.
    package var statements: [(sid: String, actions: [String], accessPoints: [StackString])] {
        [(Self.sid, Self.actions, accessPointArns)] + (rootAccessPointArns.isEmpty ? [] : [(Self.rootSid, Self.rootActions, rootAccessPointArns)])
    }

    /// The policy as JSON, every ARN known.
    package func document() throws -> JSONValue {
        func strings(_ values: [StackString]) throws -> JSONValue { .array(try values.map { .string(try $0.known("an ARN of a mount policy")) }) }
        return .object([
            "Version": .string("2012-10-17"),
            "Statement": .array(
                try statements.map { statement in
                    .object([
                        "Sid": .string(statement.sid), "Effect": .string("Allow"), "Action": .array(statement.actions.map(JSONValue.string)),
                        "Resource": try strings(fileSystemArns),
                        "Condition": .object(["StringEquals": .object([Self.conditionKey: try strings(statement.accessPoints)])]),
                    ])
                }),
        ])
    }
}
