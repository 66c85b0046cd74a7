import AWSServices
import StackTemplates

extension DesiredTaskDefinition {
    /// RegisterTaskDefinition's input, field by field. It is also what `berth:hash` is computed
    /// over, so a field added here changes every definition's hash: add it only with a default
    /// that encodes as nothing.
    package func ecsRequest() throws -> TaskDefinitionSpec {
        TaskDefinitionSpec(
            family: family, taskRoleArn: try taskRoleArn?.known("the task role of \(family)"),
            executionRoleArn: try executionRoleArn.known("the execution role of \(family)"), networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"], cpu: String(cpu), memory: String(memory),
            containerDefinitions: try containers.map { try $0.ecsDefinition() }, volumes: try volumes.map { try $0.ecsVolume() },
            runtimePlatform: cpuArchitecture.map { ECSClient.RuntimePlatform(cpuArchitecture: $0, operatingSystemFamily: "LINUX") },
            tags: tags.map { ECSTag(key: $0.key, value: $0.value) })
    }
}

extension DesiredVolume {
    func ecsVolume() throws -> ECSClient.Volume {
        ECSClient.Volume(
            name: name,
            efsVolumeConfiguration: try efs.map { efs in
                ECSClient.EFSVolumeConfiguration(
                    fileSystemId: try efs.fileSystemId.known("the file system of volume \(name)"), rootDirectory: nil,
                    transitEncryption: "ENABLED",
                    authorizationConfig: .init(accessPointId: try efs.accessPointId.known("the access point of volume \(name)"), iam: "ENABLED"))
            })
    }
}
