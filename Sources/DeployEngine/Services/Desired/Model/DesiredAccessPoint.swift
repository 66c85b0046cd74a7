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
    package var uid: Int
    package var gid: Int
    package var permissions: String
    package var rootDirectory: String

    package init(
        service: String, volume: String, fileSystemId: StackString, uid: Int, gid: Int, permissions: String, rootDirectory: String
    ) {
        self.service = service
        self.volume = volume
        self.fileSystemId = fileSystemId
        self.uid = uid
        self.gid = gid
        self.permissions = permissions
        self.rootDirectory = rootDirectory
    }

    package var key: String { AccessPointSpec.key(service: service, volume: volume) }

    /// CreateAccessPoint's settings, with a client token made from all of them: the same
    /// settings always give the same token, so a repeated create finds the access point made
    /// before, and changed settings make a new one.
    package func spec(stack: String) throws -> AccessPointSpec {
        let fileSystem = try fileSystemId.known("the file system of volume \(volume)")
        let identity = [stack, service, volume, fileSystem, String(uid), String(gid), permissions, rootDirectory].joined(separator: "|")
        return AccessPointSpec(
            service: service, volume: volume, fileSystemId: fileSystem, uid: uid, gid: gid, permissions: permissions,
            rootDirectory: rootDirectory, clientToken: "berth-" + String(sha256Hex(Data(identity.utf8)).prefix(40)))
    }
}
