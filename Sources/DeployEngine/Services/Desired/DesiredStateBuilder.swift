import AWSServices
import ComposeModel
import Foundation
import SigV4
import StackTemplates

/// Turns the site model and what the infrastructure provides into the engine's desired state
/// (`DesiredTaskDefinition`, `DesiredService`, …), and that into the requests the services layer
/// sends. Pure apart from reading config and secret contents through `content`.
///
/// The same builder describes the single template's resources: given a target of references
/// to the template's own resources instead of real ids, its desired state is rendered as
/// CloudFormation properties. So the task definition logic exists once, whichever mode deploys it.
package struct DesiredStateBuilder: Sendable {
    package var site: Site
    package var target: TargetIds
    package var names: Names
    package var content: ContentReader

    package init(site: Site, target: TargetIds, names: Names, content: ContentReader) {
        self.site = site
        self.target = target
        self.names = names
        self.content = content
    }

    /// The API mode's builder: a deployed infrastructure stack's ids.
    package init(site: Site, target: SiteTarget, names: Names, content: ContentReader) {
        self.init(site: site, target: TargetIds(target), names: names, content: content)
    }

    /// The site's tags, then `extra`.
    package func desiredTags(_ extra: [(String, String)] = []) -> [DesiredTag] {
        (names.siteTags + extra).map { DesiredTag($0.0, $0.1) }
    }

    package func family(_ service: String) -> String {
        "\(names.stack)-\(Names.slug(service))"
    }

    // MARK: Access points

    /// One per (service, named volume) mount. Services that mount the same volume share its
    /// root directory, so they see the same files.
    package func desiredAccessPoints(services only: Set<String>? = nil) throws -> [DesiredAccessPoint] {
        var points: [DesiredAccessPoint] = []
        for service in site.services where only?.contains(service.name) ?? true {
            for volumeName in service.mounts.filter({ $0.kind == .volume }).compactMap(\.source).uniqued() {
                guard let volume = site.volume(named: volumeName) else { continue }
                guard let fileSystem = target.fileSystems[volumeName] else {
                    throw DeployError(
                        "the infrastructure stack has no file system for volume \(volumeName)", hint: "run `berth deploy --only infra` first")
                }
                let owner = Self.owner(of: volume, mountedBy: service)
                points.append(
                    DesiredAccessPoint(
                        service: service.name, volume: volumeName, fileSystemId: fileSystem, uid: owner.uid, gid: owner.gid,
                        enforcesUser: volume.accessPoint.uid != nil, permissions: volume.accessPoint.permissions ?? "0755",
                        rootDirectory: volume.directory))
            }
        }
        return points
    }

    /// Who owns the volume's directory as `service` sees it. With driver_opts uid, that user
    /// (forced on every access); without, the image runs as it does under Docker: no forced
    /// user, and the directory owned by the service's numeric `user:`, else its image's numeric
    /// `USER`, else root.
    package static func owner(of volume: NamedVolume, mountedBy service: Service) -> (uid: Int, gid: Int) {
        let user = numericUser(service.user ?? service.imageUser)
        let uid = volume.accessPoint.uid ?? user.uid
        return (uid, volume.accessPoint.gid ?? (volume.accessPoint.uid == nil ? user.gid : uid))
    }

    /// `user: 1000` or `user: "1000:1000"` as ids; a name (`node`) or nothing is root's 0:0, the
    /// only ids known without the image.
    static func numericUser(_ user: String?) -> (uid: Int, gid: Int) {
        let parts = (user ?? "").split(separator: ":").map { Int($0) }
        guard let first = parts.first, let uid = first else { return (0, 0) }
        return (uid, parts.count > 1 ? (parts[1] ?? uid) : uid)
    }

    /// The access points the API mode creates.
    package func accessPoints(services only: Set<String>? = nil) throws -> [AccessPointSpec] {
        try desiredAccessPoints(services: only).map { try $0.spec(stack: names.stack) }
    }

    /// The tags of one access point besides the site's: `berth:mount`, which finds it again,
    /// and a `Name` for the console. The services layer and the unified template both use them.
    package func accessPointOwnTags(service: String, volume: String) -> [(String, String)] {
        [(BerthTag.mount, AccessPointSpec.key(service: service, volume: volume)), ("Name", "\(names.stack)-\(service)-\(volume)")]
    }

    /// The site's tags and the access point's own, as EFS tags: the one place the engine makes
    /// tags for EFS.
    package func accessPointTags(_ spec: AccessPointSpec) -> [EFSTag] {
        (names.siteTags + accessPointOwnTags(service: spec.service, volume: spec.volume)).map { EFSTag(Key: $0.0, Value: $0.1) }
    }

    // MARK: Stored values

    /// The files the service's init container writes, read through this builder's content.
    package func files(of service: Service) throws -> [FileInjection.File] {
        try FileInjection.files(of: service, in: site) { try content.read($0, project: site.projectDirectory) }
    }

    /// Secrets (Secrets Manager) and file contents (Parameter Store) the site's containers read.
    package func storedValues(services only: Set<String>? = nil) throws -> [StoredValueSpec] {
        var values: [StoredValueSpec] = []
        var seen = Set<String>()
        for service in site.services where only?.contains(service.name) ?? true {
            for file in try files(of: service) {
                guard seen.insert(file.storedName(names)).inserted, let source = file.source else { continue }
                let value = file.storedValue(try content.read(source, project: site.projectDirectory))
                values.append(
                    StoredValueSpec(
                        store: file.store, name: file.storedName(names), value: value, digest: sha256Hex(Data(value.utf8))))
            }
        }
        return values
    }
}

/// Reads the bytes of configs and secrets: files relative to the project, inline content, or
/// variables of the environment Berth runs in.
package struct ContentReader: Sendable {
    package var processEnvironment: [String: String]
    /// The disk the compose file was loaded from: the loader's own seam, so tests run in memory.
    package var fileSystem: any ComposeFileSystem

    package init(processEnvironment: [String: String], fileSystem: any ComposeFileSystem = LocalFileSystem()) {
        self.processEnvironment = processEnvironment
        self.fileSystem = fileSystem
    }

    package func read(_ source: ContentSource, project: String) throws -> String {
        switch source.kind {
        case .content:
            return source.value
        case .environment:
            guard let value = processEnvironment[source.value] else {
                throw DeployError(
                    "the environment variable \(source.value) is not set", hint: "export it before deploying; its value is stored as a secret")
            }
            return value
        case .file:
            let path = source.path(in: project) ?? source.value
            guard let text = fileSystem.readText(atPath: path) else {
                throw DeployError("cannot read \(path)", hint: "create the file; its contents are shipped to the containers")
            }
            return text
        case .external:
            throw DeployError("\(source.value) is external and has no contents for Berth to store; this is a bug in Berth")
        }
    }
}
