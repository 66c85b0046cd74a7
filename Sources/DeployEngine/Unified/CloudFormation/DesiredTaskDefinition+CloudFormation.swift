import StackTemplates

// The properties of an `AWS::ECS::TaskDefinition`, each named as CloudFormation names it (which
// is not always the API's name with a capital: `EFSVolumeConfiguration`, `FilesystemId`, `IAM`).
// Within each map the order is: the name (or family) first, then the rest alphabetically, the
// order the templates have always had.

extension DesiredTaskDefinition {
    /// The task definition's properties. `berth:hash` is not among the tags: CloudFormation
    /// compares properties itself.
    package var cloudFormationProperties: TemplateMap {
        TemplateMap(setting: [
            ("Family", .string(family)),
            ("ContainerDefinitions", .list(containers.map { .map($0.cloudFormationProperties) })),
            ("Cpu", .string(String(cpu))),
            ("ExecutionRoleArn", executionRoleArn.template),
            ("Memory", .string(String(memory))),
            // Fargate takes nothing else.
            ("NetworkMode", "awsvpc"),
            ("RequiresCompatibilities", ["FARGATE"]),
            ("RuntimePlatform", cpuArchitecture.map { ["CpuArchitecture": .string($0), "OperatingSystemFamily": "LINUX"] }),
            ("Tags", .list(tags.map { ["Key": .string($0.key), "Value": .string($0.value)] })),
            ("TaskRoleArn", taskRoleArn?.template),
            // Written even when empty, as the API request has it.
            ("Volumes", .list(volumes.map { .map($0.cloudFormationProperties) })),
        ])
    }
}

extension DesiredVolume {
    var cloudFormationProperties: TemplateMap {
        TemplateMap(setting: [
            ("Name", .string(name)),
            (
                "EFSVolumeConfiguration",
                efs.map { efs in
                    [
                        "AuthorizationConfig": ["AccessPointId": efs.accessPointId.template, "IAM": "ENABLED"],
                        "FilesystemId": efs.fileSystemId.template,
                        "TransitEncryption": "ENABLED",
                    ]
                }
            ),
        ])
    }
}
