extension InfraStack {
    /// How many images each repository keeps; older ones are expired by the lifecycle rule.
    static let keptImages = 30

    /// The repositories' lifecycle rule, set when Berth creates a repository through the API.
    package static let repositoryLifecyclePolicy = """
        {"rules":[{"rulePriority":1,"description":"Keep the last \(keptImages) images",\
        "selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":\(keptImages)},"action":{"type":"expire"}}]}
        """

    /// Repositories belong to the project, not to an environment: `<project>/<service>` is one
    /// name per account and region, so dev and prod share it, and Berth creates it through the
    /// API before any stack (see `ProjectRepositories`). Stacks deployed before that own their
    /// repository; dropping it from the template would make CloudFormation delete it with its
    /// images, so such a stack keeps it, retained: no deploy or teardown deletes it.
    var repositories: TemplateSection {
        let lifecycle = Self.repositoryLifecyclePolicy
        let resources = input.services.filter { $0.hasRepository && input.stackHeldRepositories.contains($0.name) }.map { service in
            Resource(
                StackLogicalID.repository(service: service.logicalId), "AWS::ECR::Repository",
                [
                    "RepositoryName": .string(input.names.repository(service: service.name)),
                    "ImageScanningConfiguration": ["ScanOnPush": true],
                    "ImageTagMutability": "MUTABLE",
                    "EncryptionConfiguration": ["EncryptionType": "KMS"],
                    "LifecyclePolicy": ["LifecyclePolicyText": .string(lifecycle)],
                    "Tags": tags([(BerthTag.service, .string(service.name))]),
                ],
                retain: true,
                skippedChecks: [SkippedCheck("CKV_AWS_51", "Berth deploys images by digest, so a moved tag never changes what runs.")],
                owner: "service:\(service.name)")
        }
        return TemplateSection("ECR repositories this stack created before they became the project's, kept", resources)
    }
}
