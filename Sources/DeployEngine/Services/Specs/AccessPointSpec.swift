import AWSServices

/// EFS's own tag shape (`Key`/`Value`); ECS's `ECSTag` spells its members `key`/`value`.
package typealias EFSTag = EFSClient.Tag

/// One EFS access point: a (service, volume) mount's view of the volume's file system.
package struct AccessPointSpec: Codable, Sendable, Equatable {
    package var service: String
    package var volume: String
    package var fileSystemId: String
    package var uid: Int
    package var gid: Int
    /// Whether `uid`/`gid` are forced on every file operation, or only own the root directory.
    package var enforcesUser: Bool
    package var permissions: String
    package var rootDirectory: String
    /// Deterministic, so a retried or repeated create never makes a second access point
    /// (EFS answers AccessPointAlreadyExists with the existing id instead).
    package var clientToken: String

    package var key: String { Self.key(service: service, volume: volume) }

    /// `service/volume`: how the reconciler knows a mount's access point, and tags it (`berth:mount`).
    package static func key(service: String, volume: String) -> String { "\(service)/\(volume)" }

    /// The volume of a mount key.
    package static func volume(ofKey key: String) -> String { String(key.split(separator: "/", maxSplits: 1).last ?? "") }

    /// Whether a mount key is one of `service`'s.
    package static func key(_ key: String, isOf service: String) -> Bool { key.hasPrefix(service + "/") }
}

/// A value Berth stores for containers to read at start: a Secrets Manager secret (compose
/// `secrets`) or a Parameter Store parameter (config file contents).
package struct StoredValueSpec: Sendable, Equatable {
    package enum Store: String, Sendable, Equatable, Codable {
        case secretsManager
        case parameterStore
    }

    package var store: Store
    /// The secret name or parameter name (with its leading `/`).
    package var name: String
    /// Never printed, logged or put in a template; compared by `digest`.
    package var value: String
    package var digest: String

    package init(store: Store, name: String, value: String, digest: String) {
        self.store = store
        self.name = name
        self.value = value
        self.digest = digest
    }
}
