import AWSServices
import StackTemplates

extension DesiredContainer {
    /// A container definition as RegisterTaskDefinition takes it: unset fields (empty lists
    /// included) are left out, so they do not reach the hash either.
    func ecsDefinition() throws -> ContainerDefinition {
        var definition = ContainerDefinition(
            name: name, image: try image.known("the image of \(name)"), essential: essential, command: command, entryPoint: entryPoint,
            environment: environment.isEmpty ? nil : environment.map { .init(name: $0.name, value: $0.value) },
            secrets: secrets.isEmpty ? nil : try secrets.map { .init(name: $0.name, valueFrom: try $0.valueFrom.known("secret \($0.name)")) },
            portMappings: portMappings.isEmpty
                ? nil : portMappings.map { .init(containerPort: $0.containerPort, protocol: $0.protocol, name: $0.name) },
            mountPoints: mountPoints.isEmpty
                ? nil : mountPoints.map { .init(sourceVolume: $0.sourceVolume, containerPath: $0.containerPath, readOnly: $0.readOnly) },
            dependsOn: dependsOn.isEmpty ? nil : dependsOn.map { .init(containerName: $0.containerName, condition: $0.condition) },
            healthCheck: healthCheck.map {
                .init(command: $0.command, interval: $0.interval, timeout: $0.timeout, retries: $0.retries, startPeriod: $0.startPeriod)
            },
            logConfiguration: .init(
                logDriver: logConfiguration.driver,
                options: try logConfiguration.options.mapValues { try $0.known("a log option of \(name)") }),
            user: user, workingDirectory: workingDirectory,
            ulimits: ulimits.isEmpty ? nil : ulimits.map { .init(name: $0.name, softLimit: $0.softLimit, hardLimit: $0.hardLimit) },
            stopTimeout: stopTimeout, readonlyRootFilesystem: readonlyRootFilesystem ? true : nil,
            linuxParameters: initProcessEnabled ? .init(initProcessEnabled: true) : nil)
        definition.repositoryCredentials = repositoryCredentials.map { .init(credentialsParameter: $0) }
        definition.startTimeout = startTimeout
        return definition
    }
}
