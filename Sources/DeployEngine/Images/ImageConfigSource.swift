import ComposeModel
import Foundation
import ImageRegistry

/// Where image configurations come from: a registry behind a cache, or a table in tests.
package protocol ImageConfigSource: Sendable {
    func config(of image: ImageReference, platform: RegistryClient.Platform) async throws(RegistryError) -> ImageConfig
}

/// The registry client behind the on-disk cache: a cached entry younger than `tagLifetime` (or
/// for a pinned digest) answers without a request.
package struct CachedRegistrySource: ImageConfigSource {
    package var client: RegistryClient
    package var cache: ImageConfigCache?
    package var tagLifetime: TimeInterval

    /// A day: tags of released images rarely move and their ports even more rarely.
    package static let validationLifetime: TimeInterval = 24 * 3600

    package init(client: RegistryClient, cache: ImageConfigCache?, tagLifetime: TimeInterval = Self.validationLifetime) {
        self.client = client
        self.cache = cache
        self.tagLifetime = tagLifetime
    }

    package func config(of image: ImageReference, platform: RegistryClient.Platform) async throws(RegistryError) -> ImageConfig {
        if let cached = cache?.config(of: image, platform: platform, tagLifetime: tagLifetime) { return cached }
        let config = try await client.config(of: image, platform: platform)
        cache?.store(config, of: image, platform: platform)
        return config
    }
}
