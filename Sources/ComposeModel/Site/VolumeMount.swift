/// Something mounted into a service's container, other than a single config file.
package struct VolumeMount: Sendable, Codable, Equatable {
    package enum Kind: String, Sendable, Codable, Equatable {
        /// A top-level named volume; Berth backs it with an EFS access point.
        case volume
        /// An anonymous volume (`- /data`): scratch space in the task's ephemeral storage.
        case ephemeral
        /// A tmpfs mount. Fargate has no tmpfs, so it becomes ephemeral storage as well.
        case tmpfs
    }

    package var kind: Kind
    /// The named volume, for `.volume`.
    package var source: String?
    package var target: String
    package var readOnly: Bool
    /// A sub-directory of the volume (`volume.subpath`), mounted instead of its root.
    package var subpath: String?
    /// For a bind-mounted host directory kept as a named volume (`x-berth` `bind_mounts:
    /// volumes`): the directory as written, relative to the project, whose files
    /// `berth volume upload` copies into the volume.
    package var hostDirectory: String?
    package var location: SourceLocation?

    package init(
        kind: Kind, source: String? = nil, target: String, readOnly: Bool = false, subpath: String? = nil, hostDirectory: String? = nil,
        location: SourceLocation? = nil
    ) {
        self.hostDirectory = hostDirectory
        self.kind = kind
        self.source = source
        self.target = target
        self.readOnly = readOnly
        self.subpath = subpath
        self.location = location
    }
}
