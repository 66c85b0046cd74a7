import ComposeModel
import Foundation
import SigV4
import StackTemplates

extension DesiredStateBuilder {
    func mainContainer(
        _ service: Service, image: StackString, mounts: [DesiredContainer.MountPoint], dependsOn: [DesiredContainer.Dependency],
        essential: Bool = true
    ) -> DesiredContainer {
        var ports: [DesiredContainer.PortMapping] = []
        for port in service.ports where !ports.contains(where: { $0.containerPort == port.target && $0.protocol == port.transport.rawValue }) {
            ports.append(portMapping(service.name, port.target, port.transport.rawValue))
        }
        for port in service.expose where !ports.contains(where: { $0.containerPort == port.port && $0.protocol == port.transport.rawValue }) {
            ports.append(portMapping(service.name, port.port, port.transport.rawValue))
        }
        var container = DesiredContainer(
            name: service.name, image: image, essential: essential, command: service.command, entryPoint: service.entrypoint,
            logConfiguration: logConfiguration(service))
        container.environment = service.environment.compactMap { variable in
            variable.value.map { DesiredContainer.Variable(name: variable.name, value: $0) }
        }.sorted { $0.name < $1.name }
        container.portMappings = ports
        container.mountPoints = mounts
        container.dependsOn = dependsOn
        container.healthCheck = service.healthCheck.flatMap(Self.healthCheck)
        container.user = service.user
        container.workingDirectory = service.workingDirectory
        container.ulimits = service.ulimits.map { .init(name: $0.name, softLimit: $0.soft, hardLimit: $0.hard) }
        // Fargate allows at most 120 seconds between SIGTERM and SIGKILL.
        container.stopTimeout = service.stopGracePeriod.map { min(120, max(0, Int(saturating: $0, rounding: .up))) }
        container.readonlyRootFilesystem = service.readOnlyRootFilesystem
        container.initProcessEnabled = service.initProcess
        container.repositoryCredentials = service.aws.pullCredentials
        return container
    }

    /// Every container of a service logs to the site's log group under the service's prefix.
    func logConfiguration(_ service: Service) -> DesiredContainer.LogConfiguration {
        .init(
            driver: "awslogs",
            options: [
                "awslogs-group": target.logGroup, "awslogs-region": target.region,
                "awslogs-stream-prefix": .literal(Names.logStreamPrefix(service: service.name)),
            ])
    }

    func portMapping(_ service: String, _ port: Int, _ transport: String) -> DesiredContainer.PortMapping {
        .init(containerPort: port, protocol: transport, name: "\(Names.slug(service))-\(port)-\(transport)")
    }

    /// Runs the service's own image as root, with each file's stored value in a variable, to
    /// write the files into the volumes the main container mounts.
    /// The container that waits for the service's dependencies in other tasks (`DependencyWait`).
    func waitContainer(_ service: Service, name: String, targets: [String]) -> DesiredContainer {
        var container = DesiredContainer(
            name: name, image: .literal(ToolImage.alpine), essential: false, command: [DependencyWait.script], entryPoint: ["sh", "-c"],
            logConfiguration: logConfiguration(service))
        container.environment = [
            .init(name: DependencyWait.secondsVariable, value: String(DependencyWait.giveUpAfter)),
            .init(name: DependencyWait.targetsVariable, value: targets.joined(separator: " ")),
        ]
        container.startTimeout = DependencyWait.startTimeout
        container.readonlyRootFilesystem = true
        return container
    }

    func initContainer(
        _ service: Service, name containerName: String = initContainerName, volumePrefix: String = "files-", image: StackString,
        files: [FileInjection.File], resolved: Resolved
    ) -> DesiredContainer {
        let directories = FileInjection.directories(files)
        var container = DesiredContainer(
            name: containerName, image: image, essential: false, command: [FileInjection.script(files)], entryPoint: ["sh", "-c"],
            logConfiguration: logConfiguration(service))
        var versions: [String] = []
        for (index, file) in files.enumerated() {
            let name = file.externalName ?? file.storedName(names)
            var reference = resolved.valueArns[name] ?? valueArn(file.store, name)
            if let key = file.jsonKey { reference = reference.appending(":\(key)::") }
            container.secrets.append(.init(name: "BERTH_FILE_\(index)", valueFrom: reference))
            if let version = resolved.valueVersions[name] { versions.append("\(name)@\(version)") }
        }
        // ECS reads `valueFrom` only when a task starts: without a change in the task definition,
        // new file contents would wait for the next unrelated replacement.
        if !versions.isEmpty {
            container.environment = [.init(name: "BERTH_CONTENT_VERSION", value: Self.contentVersion(versions))]
        }
        container.mountPoints = directories.indices.map {
            .init(sourceVolume: "\(volumePrefix)\($0)", containerPath: "/berth/\($0)", readOnly: false)
        }
        container.user = "0"
        return container
    }

    /// A short digest of the files' `name@version` list (versions are random ids or counters,
    /// so it tells nothing about the contents).
    static func contentVersion(_ versions: [String]) -> String {
        sha256Hex(Data(versions.sorted().joined(separator: "\n").utf8)).prefix(16).description
    }

    /// Parameter Store accepts the ARN built from the name; a secret's ARN carries a random
    /// suffix, so secrets use the ARN AWS returned when there is one.
    func valueArn(_ store: StoredValueSpec.Store, _ name: String) -> StackString {
        if name.hasPrefix("arn:") { return .literal(name) }
        switch store {
        case .parameterStore: return target.arn("ssm", .literal("parameter" + (name.hasPrefix("/") ? name : "/" + name)))
        case .secretsManager: return target.arn("secretsmanager", .literal("secret:" + name))
        }
    }

    /// Compose's health check in ECS's terms, clamped to the ranges ECS accepts.
    static func healthCheck(_ check: HealthCheck) -> DesiredContainer.HealthCheck? {
        guard !check.disabled, let kind = check.test.first else { return nil }
        let command: [String]
        switch kind {
        case "CMD", "CMD-SHELL": command = check.test
        case "NONE": return nil
        default: command = ["CMD-SHELL", check.test.joined(separator: " ")]
        }
        func clamp(_ value: Double?, _ fallback: Int, _ range: ClosedRange<Int>) -> Int {
            min(range.upperBound, max(range.lowerBound, value.map { Int(saturating: $0) } ?? fallback))
        }
        return .init(
            command: command, interval: clamp(check.intervalSeconds, 30, HealthCheck.intervalRange),
            timeout: clamp(check.timeoutSeconds, 5, HealthCheck.timeoutRange),
            retries: clamp(check.retries.map(Double.init), 3, HealthCheck.retriesRange),
            startPeriod: clamp(check.startPeriodSeconds, 0, HealthCheck.startPeriodRange))
    }
}
