extension InfraStack {
    var logs: TemplateSection {
        TemplateSection(
            "CloudWatch Logs: one log group for the site; each service writes under its own stream prefix",
            [
                Resource(
                    "LogGroup", "AWS::Logs::LogGroup",
                    ["LogGroupName": .string(input.names.logGroup), "RetentionInDays": .int(input.logRetentionDays), "Tags": tags()],
                    skippedChecks: [
                        SkippedCheck("CKV_AWS_158", "Encrypted by CloudWatch Logs' own keys; a customer key adds cost and key policy upkeep.")
                    ])
            ])
    }
}
