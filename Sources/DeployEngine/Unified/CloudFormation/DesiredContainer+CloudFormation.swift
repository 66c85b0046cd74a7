import StackTemplates

// A container definition's properties, in the template's order: `Name`, `Image`, `Essential`,
// then the rest alphabetically.

extension DesiredContainer {
    var cloudFormationProperties: TemplateMap {
        TemplateMap(setting: [
            ("Name", .string(name)),
            ("Image", image.template),
            ("Essential", .bool(essential)),
            ("Command", command.map { .list($0.map(TemplateValue.string)) }),
            (
                "DependsOn",
                dependsOn.nonEmpty { ["Condition": .string($0.condition), "ContainerName": .string($0.containerName)] }.map(TemplateValue.list)
            ),
            ("EntryPoint", entryPoint.map { .list($0.map(TemplateValue.string)) }),
            ("Environment", environment.nonEmpty { ["Name": .string($0.name), "Value": .string($0.value)] }.map(TemplateValue.list)),
            ("HealthCheck", healthCheck.map(\.cloudFormationProperties)),
            ("LinuxParameters", initProcessEnabled ? ["InitProcessEnabled": true] : nil),
            ("LogConfiguration", logConfiguration.cloudFormationProperties),
            (
                "MountPoints",
                mountPoints.nonEmpty {
                    ["ContainerPath": .string($0.containerPath), "ReadOnly": .bool($0.readOnly), "SourceVolume": .string($0.sourceVolume)]
                }.map(TemplateValue.list)
            ),
            (
                "PortMappings",
                portMappings.nonEmpty {
                    ["Name": .string($0.name), "ContainerPort": .int($0.containerPort), "Protocol": .string($0.protocol)]
                }.map(TemplateValue.list)
            ),
            ("ReadonlyRootFilesystem", readonlyRootFilesystem ? true : nil),
            ("RepositoryCredentials", repositoryCredentials.map { ["CredentialsParameter": .string($0)] }),
            ("Secrets", secrets.nonEmpty { ["Name": .string($0.name), "ValueFrom": $0.valueFrom.template] }.map(TemplateValue.list)),
            ("StartTimeout", startTimeout.map(TemplateValue.int)),
            ("StopTimeout", stopTimeout.map(TemplateValue.int)),
            (
                "Ulimits",
                ulimits.nonEmpty { ["Name": .string($0.name), "HardLimit": .int($0.hardLimit), "SoftLimit": .int($0.softLimit)] }
                    .map(TemplateValue.list)
            ),
            ("User", user.map(TemplateValue.string)),
            ("WorkingDirectory", workingDirectory.map(TemplateValue.string)),
        ])
    }
}

extension DesiredContainer.HealthCheck {
    var cloudFormationProperties: TemplateValue {
        [
            "Command": .list(command.map(TemplateValue.string)), "Interval": .int(interval), "Retries": .int(retries),
            "StartPeriod": .int(startPeriod), "Timeout": .int(timeout),
        ]
    }
}

extension DesiredContainer.LogConfiguration {
    /// The options keep the driver's own names (`awslogs-group`), sorted.
    var cloudFormationProperties: TemplateValue {
        [
            "LogDriver": .string(driver),
            "Options": .map(TemplateMap(options.sorted { $0.key < $1.key }.map { ($0.key, $0.value.template) })),
        ]
    }
}
