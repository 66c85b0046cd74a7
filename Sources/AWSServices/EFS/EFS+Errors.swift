import AWSRuntime

extension AWSServiceError {
    /// `CreateAccessPoint` with a client token an existing access point already used.
    package var isAccessPointAlreadyExists: Bool { code == "AccessPointAlreadyExists" }

    /// The access point that already holds the token of a refused `CreateAccessPoint`.
    package var existingAccessPointId: String? { isAccessPointAlreadyExists ? fields["AccessPointId"] : nil }

    package var isAccessPointNotFound: Bool { code == "AccessPointNotFound" }

    package var isFileSystemNotFound: Bool { code == "FileSystemNotFound" }

    /// `CreateFileSystem` with a creation token an existing file system already used.
    package var isFileSystemAlreadyExists: Bool { code == "FileSystemAlreadyExists" }

    package var existingFileSystemId: String? { isFileSystemAlreadyExists ? fields["FileSystemId"] : nil }
}
