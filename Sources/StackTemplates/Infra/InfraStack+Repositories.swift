extension InfraStack {
    /// How many images each repository keeps; older ones are expired by the lifecycle rule.
    static let keptImages = 30

    /// The repositories' lifecycle rule; also what the single-template mode puts on the
    /// repositories it creates through the API.
    public static let repositoryLifecyclePolicy = """
        {"rules":[{"rulePriority":1,"description":"Keep the last \(keptImages) images",\
        "selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":\(keptImages)},"action":{"type":"expire"}}]}
        """

    var repositories: TemplateSection {
        let lifecycle = Self.repositoryLifecyclePolicy
        let resources = input.services.filter(\.hasRepository).map { service in
            Resource(
                StackLogicalID.repository(service: service.logicalId), "AWS::ECR::Repository",
                [
                    "RepositoryName": .string(input.names.repository(service: service.name)),
                    "ImageScanningConfiguration": ["ScanOnPush": true],
                    "ImageTagMutability": "MUTABLE",
                    "EncryptionConfiguration": ["EncryptionType": "KMS"],
                    "LifecyclePolicy": ["LifecyclePolicyText": .string(lifecycle)],
                    "EmptyOnDelete": true,
                    "Tags": tags([(BerthTag.service, .string(service.name))]),
                ],
                skippedChecks: [SkippedCheck("CKV_AWS_51", "Berth deploys images by digest, so a moved tag never changes what runs.")],
                owner: "service:\(service.name)")
        }
        return TemplateSection("ECR repositories for the services Berth builds", resources)
    }
}
