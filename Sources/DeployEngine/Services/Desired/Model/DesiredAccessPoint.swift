import Foundation
import SigV4
import StackTemplates

/// One EFS access point as the engine wants it: a (service, volume) mount's view of the
/// volume's file system. The API mode creates it from `spec(stack:)`; the single template
/// writes it as an `AWS::EFS::AccessPoint`.
package struct DesiredAccessPoint: Sendable, Equatable {
    package var service: String
    package var volume: String
    package var fileSystemId: StackString
    /// The owner the root directory is created with, and (when `enforcesUser`) the POSIX user
    /// every file operation through the access point runs as.
    package var uid: Int
    package var gid: Int
    /// Only when the volume's `driver_opts` name a uid: database images (postgres, mysql,
    /// mongo) `chown` their data directory at start and fail under a forced user.
    package var enforcesUser: Bool
    package var permissions: String
    package var rootDirectory: String

    package init(
        service: String, volume: String, fileSystemId: StackString, uid: Int, gid: Int, enforcesUser: Bool = true, permissions: String,
        rootDirectory: String
    ) {
        self.service = service
        self.volume = volume
        self.fileSystemId = fileSystemId
        self.uid = uid
        self.gid = gid
        self.enforcesUser = enforcesUser
        self.permissions = permissions
        self.rootDirectory = rootDirectory
    }

    package var key: String { AccessPointSpec.key(service: service, volume: volume) }

    /// CreateAccessPoint's settings, with a client token made from all of them: the same
    /// settings always give the same token, so a repeated create finds the access point made
    /// before, and changed settings make a new one.
    package func spec(stack: String) throws -> AccessPointSpec {
        let fileSystem = try fileSystemId.known("the file system of volume \(volume)")
        // An enforced user keeps the identity (and token) access points had before the choice existed.
        let identity =
            ([stack, service, volume, fileSystem, String(uid), String(gid), permissions, rootDirectory] + (enforcesUser ? [] : ["no-posix-user"]))
            .joined(separator: "|")
        return AccessPointSpec(
            service: service, volume: volume, fileSystemId: fileSystem, uid: uid, gid: gid, enforcesUser: enforcesUser, permissions: permissions,
            rootDirectory: rootDirectory, clientToken: "berth-" + String(sha256Hex(Data(identity.utf8)).prefix(40)))
    }
}
