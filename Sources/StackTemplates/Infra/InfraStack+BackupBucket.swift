extension InfraStack {
    /// Where scheduled EFS backups go: versioned, encrypted, private, TLS only, old versions
    /// expired after the retention; kept when the stack is deleted.
    var backupBucket: TemplateSection {
        TemplateSection(
            "S3 backup bucket (kept on delete)",
            [
                Resource(
                    "BackupBucket", "AWS::S3::Bucket",
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
                                    "NoncurrentVersionExpiration": ["NoncurrentDays": .int(input.backupRetentionDays)],
                                    "AbortIncompleteMultipartUpload": ["DaysAfterInitiation": 7],
                                ]
                            ]
                        ],
                        "Tags": tags(),
                    ],
                    retain: true,
                    skippedChecks: [
                        SkippedCheck("CKV_AWS_18", "Access logs of a backup bucket would need a second bucket; CloudTrail records its API use."),
                        SkippedCheck("CKV_AWS_144", "Cross-region replication doubles storage cost; enable it with x-aws-cloudformation if needed."),
                    ]),
                Resource(
                    "BackupBucketPolicy", "AWS::S3::BucketPolicy",
                    [
                        "Bucket": .ref("BackupBucket"),
                        "PolicyDocument": [
                            "Version": "2012-10-17",
                            "Statement": [
                                [
                                    "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": ["AWS": "*"], "Action": "s3:*",
                                    "Resource": [.getAtt("BackupBucket", "Arn"), .sub("${BackupBucket.Arn}/*")],
                                    "Condition": ["Bool": ["aws:SecureTransport": "false"]],
                                ]
                            ],
                        ],
                    ]),
            ])
    }
}
