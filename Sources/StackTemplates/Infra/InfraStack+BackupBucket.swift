extension InfraStack {
    /// The bucket as templates name it: the stack's own, or the kept one's parameter.
    var backupBucketName: StackString {
        .ref(input.keptBackupBucket == nil ? StackLogicalID.backupBucket : StackLogicalID.keptBackupBucketParameter)
    }

    /// Where scheduled EFS backups go: versioned, encrypted, private, TLS only, snapshots expired
    /// after the retention; kept when the stack is deleted. A bucket kept from an earlier
    /// stack keeps its settings; the stack only puts its policy back.
    var backupBucket: TemplateSection {
        let bucketArn: StackString =
            input.keptBackupBucket == nil
            ? .getAtt(StackLogicalID.backupBucket, "Arn") : .joined([.literal("arn:"), .ref("AWS::Partition"), .literal(":s3:::"), backupBucketName])
        let bucket = Resource(
            StackLogicalID.backupBucket, "AWS::S3::Bucket",
            [
                "VersioningConfiguration": ["Status": "Enabled"],
                "BucketEncryption": [
                    "ServerSideEncryptionConfiguration": [
                        ["ServerSideEncryptionByDefault": ["SSEAlgorithm": "aws:kms"], "BucketKeyEnabled": true]
                    ]
                ],
                "PublicAccessBlockConfiguration": [
                    "BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true,
                ],
                "OwnershipControls": ["Rules": [["ObjectOwnership": "BucketOwnerEnforced"]]],
                "LifecycleConfiguration": [
                    "Rules": [
                        [
                            "Id": "expire-old-versions", "Status": "Enabled",
                            "NoncurrentVersionExpiration": ["NoncurrentDays": 7],
                            "AbortIncompleteMultipartUpload": ["DaysAfterInitiation": 7],
                        ],
                        // Snapshots older than the retention. An expired, overwritten or deleted
                        // object stays a noncurrent version for a week (above), against mistakes.
                        [
                            "Id": "expire-snapshots", "Status": "Enabled", "Prefix": .string(input.names.backupPrefix + "/"),
                            "ExpirationInDays": .int(input.backupRetentionDays),
                        ],
                    ]
                ],
                "Tags": tags([(BerthTag.role, .string(BerthTag.backupsRole))]),
            ],
            retain: true,
            skippedChecks: [
                SkippedCheck("CKV_AWS_18", "Access logs of a backup bucket would need a second bucket; CloudTrail records its API use."),
                SkippedCheck("CKV_AWS_144", "Cross-region replication doubles storage cost; enable it with x-aws-cloudformation if needed."),
            ])
        return TemplateSection(
            "S3 backup bucket (kept on delete)",
            (input.keptBackupBucket == nil ? [bucket] : []) + [
                Resource(
                    "BackupBucketPolicy", "AWS::S3::BucketPolicy",
                    [
                        "Bucket": backupBucketName.template,
                        "PolicyDocument": [
                            "Version": "2012-10-17",
                            "Statement": [
                                [
                                    "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": ["AWS": "*"], "Action": "s3:*",
                                    "Resource": [bucketArn.template, bucketArn.appending("/*").template],
                                    "Condition": ["Bool": ["aws:SecureTransport": "false"]],
                                ]
                            ],
                        ],
                    ])
            ])
    }
}
