extension InfraStack {
    /// One encrypted EFS file system per named volume, kept when the stack goes (Retain), with a
    /// policy that refuses unencrypted connections and a mount target in each subnet. A file
    /// system kept from an earlier stack comes back as a parameter: its policy and tags stayed
    /// on it, and only its mount targets went with that stack.
    var fileSystems: TemplateSection {
        var resources: [Resource] = []
        for volume in input.ownedVolumes {
            let id = StackLogicalID.fileSystem(volume: volume.logicalId)
            if volume.keptFileSystem == nil {
                resources.append(
                    Resource(
                        id, "AWS::EFS::FileSystem",
                        [
                            "Encrypted": true,
                            "PerformanceMode": "generalPurpose",
                            "ThroughputMode": "elastic",
                            "BackupPolicy": ["Status": "ENABLED"],
                            "FileSystemPolicy": [
                                "Version": "2012-10-17",
                                "Statement": [
                                    [
                                        "Sid": "DenyUnencryptedTransport", "Effect": "Deny", "Principal": ["AWS": "*"], "Action": "*",
                                        "Condition": ["Bool": ["aws:SecureTransport": "false"]],
                                    ]
                                ],
                            ],
                            "FileSystemTags": tags([("Name", .sub("${AWS::StackName}-\(volume.name)")), (BerthTag.volume, .string(volume.name))]),
                        ],
                        retain: true,
                        skippedChecks: [
                            SkippedCheck("CKV_AWS_184", "Encrypted with the AWS managed EFS key; a customer key adds cost and key policy upkeep.")
                        ],
                        owner: "volume:\(volume.name)"))
            }
            for (index, subnet) in subnets.enumerated() {
                resources.append(
                    Resource(
                        "\(id)MountTarget\(index == 0 ? "A" : "B")", "AWS::EFS::MountTarget",
                        [
                            "FileSystemId": volume.fileSystemReference.template, "SubnetId": subnet.template,
                            "SecurityGroups": [.ref("FileSystemSecurityGroup")],
                        ],
                        owner: "volume:\(volume.name)"))
            }
        }
        return TemplateSection("EFS file systems, one per named volume (kept on delete)", resources)
    }
}
