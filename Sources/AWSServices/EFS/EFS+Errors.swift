import AWSRuntime

extension AWSServiceError {
    /// `CreateAccessPoint` with a client token an existing access point already used.
    public var isAccessPointAlreadyExists: Bool { code == "AccessPointAlreadyExists" }

    /// The access point that already holds the token of a refused `CreateAccessPoint`.
    public var existingAccessPointId: String? { isAccessPointAlreadyExists ? fields["AccessPointId"] : nil }

    public var isAccessPointNotFound: Bool { code == "AccessPointNotFound" }

    public var isFileSystemNotFound: Bool { code == "FileSystemNotFound" }

    /// `CreateFileSystem` with a creation token an existing file system already used.
    public var isFileSystemAlreadyExists: Bool { code == "FileSystemAlreadyExists" }

    public var existingFileSystemId: String? { isFileSystemAlreadyExists ? fields["FileSystemId"] : nil }
}
