import AWSServices
import ComposeModel
import Foundation
import SigV4
import StackTemplates

extension DesiredStateBuilder {
    /// Resolved references a task definition needs that only exist at deploy time.
    public struct Resolved: Sendable {
        /// AccessPointSpec.key → access point id.
        public var accessPoints: [String: String]
        /// Service name → image to run (an ECR image pinned to its digest, where it is in ECR).
        public var images: [String: String]
        /// Stored value name → ARN for `valueFrom`.
        public var valueArns: [String: String]

        public init(accessPoints: [String: String] = [:], images: [String: String] = [:], valueArns: [String: String] = [:]) {
            self.accessPoints = accessPoints
            self.images = images
            self.valueArns = valueArns
        }
    }

    static let initContainerName = "berth-files"

    /// One task definition per task: a container per member (with, before it, an init
    /// container writing the member's files), ordered by the members' `depends_on`.
    public func taskDefinition(_ task: SiteTask, resolved: Resolved) throws -> TaskDefinitionSpec {
        let several = task.members.count > 1
        let completing = task.completingMembers
        var volumes: [ECSClient.Volume] = []
        var containers: [ContainerDefinition] = []
        for service in task.members {
            guard let image = resolved.images[service.name] ?? service.deployedImage else {
                throw DeployError("service \(service.name) has no image", hint: "add image: or build: to it")
            }
            // Each member mounts through its own access points, so a task's volumes are per member.
            let volumePrefix = several ? "vol-\(Names.slug(service.name))-" : "vol-"
            var mounts: [ECSClient.MountPoint] = []
            for mount in service.mounts {
                switch mount.kind {
                case .volume:
                    guard let volumeName = mount.source, let fileSystem = target.fileSystems[volumeName] else { continue }
                    let key = AccessPointSpec.key(service: service.name, volume: volumeName)
                    guard let accessPoint = resolved.accessPoints[key] else {
                        throw DeployError("no access point for \(key) yet; this is a bug in Berth (access points are created first)")
                    }
                    let name = volumePrefix + Names.slug(volumeName)
                    if !volumes.contains(where: { $0.name == name }) {
                        volumes.append(
                            .init(
                                name: name,
                                efsVolumeConfiguration: .init(fileSystemId: fileSystem, authorizationConfig: .init(accessPointId: accessPoint))))
                    }
                    mounts.append(.init(sourceVolume: name, containerPath: mount.target, readOnly: mount.readOnly))
                case .ephemeral, .tmpfs:
                    let name = "scratch-\(volumes.count)"
                    volumes.append(.init(name: name, efsVolumeConfiguration: nil))
                    mounts.append(.init(sourceVolume: name, containerPath: mount.target, readOnly: false))
                }
            }
            let files = FileInjection.files(of: service, in: site)
            var dependsOn: [ECSClient.ContainerDependency] = []
            if !files.isEmpty {
                let filesPrefix = several ? "files-\(Names.slug(service.name))-" : "files-"
                let initName = several ? "\(Self.initContainerName)-\(Names.slug(service.name))" : Self.initContainerName
                let directories = FileInjection.directories(files)
                for (index, directory) in directories.enumerated() {
                    volumes.append(.init(name: "\(filesPrefix)\(index)", efsVolumeConfiguration: nil))
                    mounts.append(.init(sourceVolume: "\(filesPrefix)\(index)", containerPath: directory, readOnly: false))
                }
                containers.append(
                    try initContainer(service, name: initName, volumePrefix: filesPrefix, image: image, files: files, resolved: resolved))
                dependsOn.append(.init(containerName: initName, condition: "SUCCESS"))
            }
            for dependency in service.dependencies where task.contains(dependency.service) {
                dependsOn.append(.init(containerName: dependency.service, condition: Self.containerCondition(dependency.condition)))
            }
            containers.append(
                try mainContainer(service, image: image, mounts: mounts, dependsOn: dependsOn, essential: !completing.contains(service.name)))
        }
        var architecture: ECSClient.RuntimePlatform?
        if let platform = task.members.lazy.compactMap(\.platform).first {
            architecture = .init(cpuArchitecture: platform.contains("arm64") ? "ARM64" : "X86_64")
        }
        guard let size = task.fargateSize else {
            throw DeployError("the services of task \(task.name) together need more than the largest Fargate size")
        }
        var spec = TaskDefinitionSpec(
            family: family(task.name), taskRoleArn: target.taskRoles[task.name], executionRoleArn: target.executionRoleArn,
            cpu: String(size.cpu), memory: String(size.memory), containerDefinitions: containers,
            volumes: volumes, runtimePlatform: architecture, tags: tags([(BerthTag.service, task.name)]))
        let hash = try Self.hash(spec)
        spec.tags?.append(ECSTag(BerthTag.hash, hash))
        return spec
    }

    /// Compose's `depends_on` condition as an ECS container dependency condition.
    static func containerCondition(_ condition: ServiceDependency.Condition) -> String {
        switch condition {
        case .serviceStarted: "START"
        case .serviceHealthy: "HEALTHY"
        case .serviceCompletedSuccessfully: "SUCCESS"
        }
    }

    /// SHA-256 of the spec's canonical JSON (keys sorted, the hash tag itself left out): equal
    /// hashes mean no new revision is needed. A spec that cannot be encoded (a non-finite number)
    /// throws: hashing nothing instead would give every such spec the same hash.
    public static func hash<Spec: Encodable>(_ spec: Spec) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(sha256Hex(try encoder.encode(spec)).prefix(32))
        } catch {
            throw DeployError.bug("cannot encode \(Spec.self) to hash it: \(error)")
        }
    }

    func mainContainer(
        _ service: Service, image: String, mounts: [ECSClient.MountPoint], dependsOn: [ECSClient.ContainerDependency], essential: Bool = true
    ) throws -> ContainerDefinition {
        let environment = service.environment.compactMap { variable in
            variable.value.map { ECSClient.KeyValuePair(name: variable.name, value: $0) }
        }.sorted { $0.name < $1.name }
        var ports: [ECSClient.PortMapping] = []
        for port in service.ports where !ports.contains(where: { $0.containerPort == port.target && $0.protocol == port.transport.rawValue }) {
            ports.append(portMapping(service.name, port.target, port.transport.rawValue, http: port.transport == .tcp))
        }
        for port in service.expose where !ports.contains(where: { $0.containerPort == port.port && $0.protocol == port.transport.rawValue }) {
            ports.append(portMapping(service.name, port.port, port.transport.rawValue, http: false))
        }
        var container = ContainerDefinition(
            name: service.name, image: image, essential: essential, command: service.command, entryPoint: service.entrypoint,
            environment: environment.isEmpty ? nil : environment, secrets: nil, portMappings: ports.isEmpty ? nil : ports,
            mountPoints: mounts.isEmpty ? nil : mounts, dependsOn: dependsOn.isEmpty ? nil : dependsOn,
            healthCheck: service.healthCheck.flatMap(Self.healthCheck),
            logConfiguration: logConfiguration(service),
            user: service.user, workingDirectory: service.workingDirectory,
            ulimits: service.ulimits.isEmpty ? nil : service.ulimits.map { .init(name: $0.name, softLimit: $0.soft, hardLimit: $0.hard) },
            // Fargate allows at most 120 seconds between SIGTERM and SIGKILL.
            stopTimeout: service.stopGracePeriod.map { min(120, max(0, Int($0.rounded(.up)))) },
            readonlyRootFilesystem: service.readOnlyRootFilesystem ? true : nil,
            linuxParameters: service.initProcess ? .init(initProcessEnabled: true) : nil)
        if let credentials = service.aws.pullCredentials {
            container.repositoryCredentials = .init(credentialsParameter: credentials)
        }
        return container
    }

    /// Every container of a service logs to the site's log group under the service's prefix.
    func logConfiguration(_ service: Service) -> ECSClient.LogConfiguration {
        .init(
            logDriver: "awslogs",
            options: ["awslogs-group": target.logGroup, "awslogs-region": target.region, "awslogs-stream-prefix": Names.slug(service.name)])
    }

    func portMapping(_ service: String, _ port: Int, _ transport: String, http: Bool) -> ECSClient.PortMapping {
        .init(containerPort: port, protocol: transport, name: "\(Names.slug(service))-\(port)-\(transport)", appProtocol: nil)
    }

    func initContainer(
        _ service: Service, name containerName: String = initContainerName, volumePrefix: String = "files-", image: String,
        files: [FileInjection.File], resolved: Resolved
    ) throws -> ContainerDefinition {
        let directories = FileInjection.directories(files)
        var secrets: [ECSClient.Secret] = []
        for (index, file) in files.enumerated() {
            let name = file.externalName ?? file.storedName(names)
            var reference = resolved.valueArns[name] ?? valueArn(file.store, name)
            if let key = file.jsonKey { reference += ":\(key)::" }
            secrets.append(.init(name: "BERTH_FILE_\(index)", valueFrom: reference))
        }
        return ContainerDefinition(
            name: containerName, image: image, essential: false, command: [FileInjection.script(files)], entryPoint: ["sh", "-c"],
            environment: nil, secrets: secrets, portMappings: nil,
            mountPoints: directories.indices.map { .init(sourceVolume: "\(volumePrefix)\($0)", containerPath: "/berth/\($0)", readOnly: false) },
            dependsOn: nil, healthCheck: nil,
            logConfiguration: logConfiguration(service),
            user: "0", workingDirectory: nil, ulimits: nil, stopTimeout: nil, readonlyRootFilesystem: nil, linuxParameters: nil)
    }

    /// Parameter Store accepts the ARN built from the name; a secret's ARN carries a random
    /// suffix, so secrets use the ARN AWS returned when there is one.
    func valueArn(_ store: StoredValueSpec.Store, _ name: String) -> String {
        if name.hasPrefix("arn:") { return name }
        switch store {
        case .parameterStore: return "arn:aws:ssm:\(target.region):\(target.accountId):parameter\(name.hasPrefix("/") ? name : "/" + name)"
        case .secretsManager: return "arn:aws:secretsmanager:\(target.region):\(target.accountId):secret:\(name)"
        }
    }

    /// Compose's health check in ECS's terms, clamped to the ranges ECS accepts.
    static func healthCheck(_ check: HealthCheck) -> ECSClient.HealthCheck? {
        guard !check.disabled, let kind = check.test.first else { return nil }
        let command: [String]
        switch kind {
        case "CMD", "CMD-SHELL": command = check.test
        case "NONE": return nil
        default: command = ["CMD-SHELL", check.test.joined(separator: " ")]
        }
        func clamp(_ value: Double?, _ fallback: Int, _ low: Int, _ high: Int) -> Int {
            min(high, max(low, value.map { Int($0.rounded()) } ?? fallback))
        }
        return .init(
            command: command, interval: clamp(check.intervalSeconds, 30, 5, 300), timeout: clamp(check.timeoutSeconds, 5, 2, 60),
            retries: min(10, max(1, check.retries ?? 3)), startPeriod: clamp(check.startPeriodSeconds, 0, 0, 300))
    }
}
