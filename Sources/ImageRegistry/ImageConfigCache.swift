import ComposeModel
import Crypto
import Foundation

/// Image configurations read before, on disk under the user's cache directory, so `validate` does
/// not ask a registry (and spend Docker Hub's pull allowance) every time.
///
/// A digest-pinned reference never changes, so its entry is kept for good; a tag can move, so its
/// entry is trusted for `tagLifetime` only (a deploy asks with a lifetime of zero, to pin what the
/// tag names now). Entries are small JSON files written atomically; an unreadable one is a miss.
package struct ImageConfigCache: Sendable {
    package let directory: URL

    package init(directory: URL) {
        self.directory = directory
    }

    /// `$XDG_CACHE_HOME/berth/images`, else `~/.cache/berth/images`; nil without a home.
    package init?(environment: [String: String]) {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            self.init(directory: URL(fileURLWithPath: cache).appendingPathComponent("berth/images"))
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            self.init(directory: URL(fileURLWithPath: home).appendingPathComponent(".cache/berth/images"))
        } else {
            return nil
        }
    }

    struct Entry: Codable {
        var image: String
        var platform: String
        var stored: Date
        var config: ImageConfig
    }

    package func config(of image: ImageReference, platform: RegistryClient.Platform, tagLifetime: TimeInterval, now: Date = Date()) -> ImageConfig? {
        guard let data = FileManager.default.contents(atPath: file(image, platform).path),
            let entry = try? Self.decoder.decode(Entry.self, from: data), entry.image == image.description
        else { return nil }
        if image.digest == nil, now.timeIntervalSince(entry.stored) > tagLifetime { return nil }
        return entry.config
    }

    package func store(_ config: ImageConfig, of image: ImageReference, platform: RegistryClient.Platform, now: Date = Date()) {
        let entry = Entry(image: image.description, platform: platform.description, stored: now, config: config)
        guard let data = try? Self.encoder.encode(entry) else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? data.write(to: file(image, platform), options: .atomic)
    }

    private func file(_ image: ImageReference, _ platform: RegistryClient.Platform) -> URL {
        let key = SHA256.hash(data: Data("\(image)|\(platform)".utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
        return directory.appendingPathComponent("\(key).json")
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
