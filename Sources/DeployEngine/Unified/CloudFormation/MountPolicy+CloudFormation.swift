import StackTemplates

extension MountPolicy {
    /// The policy as an `AWS::IAM::Policy`'s `PolicyDocument`, its keys sorted as the API
    /// mode's JSON text has them; the ARNs are `Fn::Sub`s of the template's own resources.
    package var cloudFormationDocument: TemplateValue {
        [
            "Statement": .list(
                statements.map { statement in
                    [
                        "Action": .list(statement.actions.map(TemplateValue.string)),
                        "Condition": ["StringEquals": .map(TemplateMap([(Self.conditionKey, .list(statement.accessPoints.map(\.template)))]))],
                        "Effect": "Allow",
                        "Resource": .list(fileSystemArns.map(\.template)),
                        "Sid": .string(statement.sid),
                    ]
                }),
            "Version": "2012-10-17",
        ]
    }
}
