/// A top-level named volume. On Fargate it is an EFS file system (one per site) with an access
/// point per volume, or an existing file system when `external: true` and `name` is its id.
package struct NamedVolume: Sendable, Codable, Equatable {
    package var name: String
    package var location: SourceLocation?
    package var external: Bool
    /// The `name:` key: the external EFS file system id (`fs-…`) when `external`.
    package var externalName: String?
    package var driver: String?
    package var accessPoint: EFSAccessPoint
    /// The remaining `driver_opts`, as written.
    package var driverOptions: [NamedValue]
    package var labels: [NamedValue]
    /// The host directory a service bind-mounted, for a volume made from it (`x-berth`
    /// `bind_mounts: volumes`): its files are on the developer's disk until `berth volume
    /// upload` copies them in.
    package var hostDirectory: String?

    package init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
        self.external = false
        self.accessPoint = EFSAccessPoint()
        self.driverOptions = []
        self.labels = []
    }

    /// Where the volume's files live in its file system: `driver_opts` `root_directory`, else
    /// `/<volume>`. Every access point of the volume is rooted here, and backups read it.
    package var directory: String { accessPoint.rootDirectory ?? "/" + name.slug }

    /// A stable volume name for a host directory: its path in the project, as a slug
    /// (`./data/ghost` → `data-ghost`), so the same file gives the same volume every time.
    package static func derivedName(hostDirectory directory: String) -> String {
        directory == "." ? "project" : directory.slug
    }

    /// The command that copies a host directory's files into a volume, as notes and deploy print it.
    package static func uploadCommand(volume: String, directory: String) -> String {
        let shown = directory.hasPrefix("/") || directory.hasPrefix("~") || directory.hasPrefix(".") ? directory : "./" + directory
        return "berth volume upload \(volume) \(shown.contains(" ") ? "'\(shown)'" : shown)"
    }
}

/// Access point settings from a volume's `driver_opts`, as Docker's ECS integration read them:
/// `uid`, `gid`, `permissions`, `root_directory`. Both `root_directory` and `root-directory` are
/// accepted, because Docker's docs showed one spelling and its code read the other.
package struct EFSAccessPoint: Sendable, Codable, Equatable {
    package var uid: Int?
    package var gid: Int?
    /// Octal permissions for a root directory EFS creates, e.g. "0755".
    package var permissions: String?
    package var rootDirectory: String?

    package init(uid: Int? = nil, gid: Int? = nil, permissions: String? = nil, rootDirectory: String? = nil) {
        self.uid = uid
        self.gid = gid
        self.permissions = permissions
        self.rootDirectory = rootDirectory
    }
}

package struct NetworkDefinition: Sendable, Codable, Equatable {
    package var name: String
    package var location: SourceLocation?
    package var external: Bool
    /// `x-aws-securitygroup`: an existing security group to use for this network.
    package var securityGroup: String?

    package init(name: String, location: SourceLocation? = nil, external: Bool = false, securityGroup: String? = nil) {
        self.name = name
        self.location = location
        self.external = external
        self.securityGroup = securityGroup
    }
}
