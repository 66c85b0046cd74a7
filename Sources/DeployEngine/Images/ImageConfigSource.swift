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

    /// A tag read before but older than `tagLifetime` is asked for its digest first (a HEAD,
    /// which Docker Hub's pull limit does not count): when the tag still names what the cache
    /// holds, nothing is pulled. A HEAD that fails (some registries answer 404 to HEAD without a
    /// body) leaves the answer, and the error's code, to the full read.
    package func config(of image: ImageReference, platform: RegistryClient.Platform) async throws(RegistryError) -> ImageConfig {
        if let cached = cache?.config(of: image, platform: platform, tagLifetime: tagLifetime) { return cached }
        if let cache, image.digest == nil, let stale = cache.config(of: image, platform: platform, tagLifetime: .infinity),
            let digest = try? await client.digest(of: image), digest == stale.digest
        {
            cache.store(stale, of: image, platform: platform)
            return stale
        }
        let config = try await client.config(of: image, platform: platform)
        cache?.store(config, of: image, platform: platform)
        return config
    }
}
