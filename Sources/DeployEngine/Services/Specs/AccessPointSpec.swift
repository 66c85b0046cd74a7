import AWSServices

/// EFS's own tag shape (`Key`/`Value`); ECS's `ECSTag` spells its members `key`/`value`.
public typealias EFSTag = EFSClient.Tag

/// One EFS access point: a (service, volume) mount's view of the volume's file system.
public struct AccessPointSpec: Codable, Sendable, Equatable {
    public var service: String
    public var volume: String
    public var fileSystemId: String
    public var uid: Int
    public var gid: Int
    public var permissions: String
    public var rootDirectory: String
    /// Deterministic, so a retried or repeated create never makes a second access point
    /// (EFS answers AccessPointAlreadyExists with the existing id instead).
    public var clientToken: String

    public var key: String { Self.key(service: service, volume: volume) }

    /// `service/volume`: how the reconciler knows a mount's access point, and tags it (`berth:mount`).
    public static func key(service: String, volume: String) -> String { "\(service)/\(volume)" }

    /// Whether a mount key is one of `service`'s.
    public static func key(_ key: String, isOf service: String) -> Bool { key.hasPrefix(service + "/") }
}

/// A value Berth stores for containers to read at start: a Secrets Manager secret (compose
/// `secrets`) or a Parameter Store parameter (config file contents).
public struct StoredValueSpec: Sendable, Equatable {
    public enum Store: String, Sendable, Equatable, Codable {
        case secretsManager
        case parameterStore
    }

    public var store: Store
    /// The secret name or parameter name (with its leading `/`).
    public var name: String
    /// Never printed, logged or put in a template; compared by `digest`.
    public var value: String
    public var digest: String
}
