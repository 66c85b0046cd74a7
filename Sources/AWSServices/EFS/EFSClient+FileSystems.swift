import AWSRuntime
import SigV4

extension EFSClient {
    /// Creates a file system; a used `creationToken` fails with `FileSystemAlreadyExists`
    /// carrying the existing id (`existingFileSystemId`). Berth's file systems come from the
    /// infra stack; this is for tests and tools.
    package func createFileSystem(
        creationToken: String, encrypted: Bool? = true, performanceMode: String? = nil, throughputMode: String? = nil, tags: [Tag]? = nil
    ) async throws -> FileSystem {
        try await client.restJSON(
            Self.descriptor, operation: "CreateFileSystem", method: "POST", path: "/2015-02-01/file-systems",
            input: CreateFileSystemInput(
                CreationToken: creationToken, Encrypted: encrypted, PerformanceMode: performanceMode, ThroughputMode: throughputMode, Tags: tags),
            idempotent: true)
    }

    package func deleteFileSystem(id: String) async throws {
        let _: EmptyOutput = try await client.restJSON(
            Self.descriptor, operation: "DeleteFileSystem", method: "DELETE", path: "/2015-02-01/file-systems/\(URIEncoding.encode(id))",
            idempotent: true)
    }

    package func describeMountTargets(fileSystemId: String) -> Paginator<[MountTarget]> {
        Paginator { marker in
            var query: [(String, String)] = [("FileSystemId", fileSystemId)]
            if let marker { query.append(("Marker", marker)) }
            let page: DescribeMountTargetsOutput = try await client.restJSON(
                Self.descriptor, operation: "DescribeMountTargets", method: "GET", path: "/2015-02-01/mount-targets", query: query,
                idempotent: true)
            return (page.MountTargets ?? [], page.NextMarker)
        }
    }
}
