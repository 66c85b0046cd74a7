extension InfraStack {
    /// The task definition of `berth verify`'s reachability probe (`ReachabilityProbe`): alpine
    /// with busybox's `nc`, the smallest Fargate size, no task role (it calls no AWS API), a
    /// read-only root file system (it writes nothing). `berth verify` starts it with the
    /// services' network configuration and the targets as an override.
    var probe: TemplateSection {
        guard input.probe else { return TemplateSection("Probe: no service depends on another task's", []) }
        return TemplateSection(
            "Probe: a one-off task berth verify runs to try each dependency's port from the services' network",
            [
                Resource(
                    StackLogicalID.probeTaskDefinition, "AWS::ECS::TaskDefinition",
                    [
                        "Family": .string(input.names.probeTaskFamily), "RequiresCompatibilities": ["FARGATE"], "NetworkMode": "awsvpc",
                        "Cpu": "256", "Memory": "512", "RuntimePlatform": ["OperatingSystemFamily": "LINUX", "CpuArchitecture": "X86_64"],
                        "ExecutionRoleArn": .getAtt("TaskExecutionRole", "Arn"),
                        "ContainerDefinitions": [
                            container(
                                ReachabilityProbe.containerName, image: ToolImage.alpine, script: ReachabilityProbe.script, essential: true,
                                logPrefix: ReachabilityProbe.logPrefix, readOnlyRootFilesystem: true)
                        ],
                        "Tags": tags(),
                    ])
            ])
    }
}
