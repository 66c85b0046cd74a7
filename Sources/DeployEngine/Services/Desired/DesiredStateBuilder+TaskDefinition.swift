import AWSServices
import ComposeModel
import Foundation
import SigV4
import StackTemplates

extension DesiredStateBuilder {
    /// Resolved references a task definition needs that only exist at deploy time: real ids in
    /// the API mode, the template's own resources and parameters in the single template.
    package struct Resolved: Sendable {
        /// AccessPointSpec.key → access point id.
        package var accessPoints: [String: StackString]
        /// Service name → image to run (an ECR image pinned to its digest, where it is in ECR).
        package var images: [String: StackString]
        /// Stored value name → ARN for `valueFrom`.
        package var valueArns: [String: StackString]
        /// Stored value name → its current version (`ObservedValue.version`); the files' init
        /// container carries them, so new content means a new task definition and new tasks.
        package var valueVersions: [String: String]

        package init(
            accessPoints: [String: StackString] = [:], images: [String: StackString] = [:], valueArns: [String: StackString] = [:],
            valueVersions: [String: String] = [:]
        ) {
            self.accessPoints = accessPoints
            self.images = images
            self.valueArns = valueArns
            self.valueVersions = valueVersions
        }
    }

    static let initContainerName = "berth-files"

    /// RegisterTaskDefinition's input for a task, tagged with `berth:hash`: the hash of
    /// everything else in it, which tells the API mode whether a new revision is needed.
    package func taskDefinition(_ task: SiteTask, resolved: Resolved) throws -> TaskDefinitionSpec {
        var spec = try desiredTaskDefinition(task, resolved: resolved).ecsRequest()
        let hash = try Self.hash(spec)
        spec.tags?.append(ECSTag(BerthTag.hash, hash))
        return spec
    }

    /// One task definition per task: a container per member (with, before it, an init
    /// container writing the member's files), ordered by the members' `depends_on`.
    package func desiredTaskDefinition(_ task: SiteTask, resolved: Resolved) throws -> DesiredTaskDefinition {
        let several = task.members.count > 1
        let completing = task.completingMembers
        var volumes: [DesiredVolume] = []
        var containers: [DesiredContainer] = []
        for service in task.members {
            guard let image = resolved.images[service.name] ?? service.deployedImage.map(StackString.literal) else {
                throw DeployError("service \(service.name) has no image", hint: "add image: or build: to it")
            }
            // Each member mounts through its own access points, so a task's volumes are per member.
            let volumePrefix = several ? "vol-\(Names.slug(service.name))-" : "vol-"
            var mounts: [DesiredContainer.MountPoint] = []
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
                        volumes.append(DesiredVolume(name: name, efs: .init(fileSystemId: fileSystem, accessPointId: accessPoint)))
                    }
                    mounts.append(.init(sourceVolume: name, containerPath: mount.target, readOnly: mount.readOnly))
                case .ephemeral, .tmpfs:
                    let name = "scratch-\(volumes.count)"
                    volumes.append(DesiredVolume(name: name))
                    mounts.append(.init(sourceVolume: name, containerPath: mount.target, readOnly: false))
                }
            }
            let files = try files(of: service)
            var dependsOn: [DesiredContainer.Dependency] = []
            if !files.isEmpty {
                let filesPrefix = several ? "files-\(Names.slug(service.name))-" : "files-"
                let initName = several ? "\(Self.initContainerName)-\(Names.slug(service.name))" : Self.initContainerName
                let directories = FileInjection.directories(files)
                for (index, directory) in directories.enumerated() {
                    volumes.append(DesiredVolume(name: "\(filesPrefix)\(index)"))
                    mounts.append(.init(sourceVolume: "\(filesPrefix)\(index)", containerPath: directory, readOnly: false))
                }
                containers.append(initContainer(service, name: initName, volumePrefix: filesPrefix, image: image, files: files, resolved: resolved))
                dependsOn.append(.init(containerName: initName, condition: "SUCCESS"))
            }
            let waitFor = target.namespace == nil ? [] : DependencyWait.targets(of: service, in: task, site: site)
            if !waitFor.isEmpty {
                let waitName = several ? "\(DependencyWait.containerName)-\(Names.slug(service.name))" : DependencyWait.containerName
                containers.append(waitContainer(service, name: waitName, targets: waitFor))
                dependsOn.append(.init(containerName: waitName, condition: "SUCCESS"))
            }
            for dependency in service.dependencies where task.contains(dependency.service) {
                dependsOn.append(.init(containerName: dependency.service, condition: Self.containerCondition(dependency.condition)))
            }
            containers.append(
                mainContainer(service, image: image, mounts: mounts, dependsOn: dependsOn, essential: !completing.contains(service.name)))
        }
        guard let size = task.fargateSize else {
            throw DeployError("the services of task \(task.name) together need more than the largest Fargate size")
        }
        return DesiredTaskDefinition(
            family: family(task.name), taskRoleArn: target.taskRoles[task.name], executionRoleArn: target.executionRoleArn, cpu: size.cpu,
            memory: size.memory, containers: containers, volumes: volumes,
            cpuArchitecture: task.cpuArchitecture,
            tags: desiredTags([(BerthTag.service, task.name)]))
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
    package static func hash<Spec: Encodable>(_ spec: Spec) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(sha256Hex(try encoder.encode(spec)).prefix(32))
        } catch {
            throw DeployError.bug("cannot encode \(Spec.self) to hash it: \(error)")
        }
    }
}
