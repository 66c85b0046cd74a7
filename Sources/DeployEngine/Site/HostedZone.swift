/// A public Route 53 hosted zone: `id` as templates take it (`Z…`), `name` without the final dot.
package struct HostedZone: Sendable, Equatable {
    package var id: String
    package var name: String

    package init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// The zone names that could hold `domain`, longest first: `www.shop.example.com` may be in
    /// a zone of its own, `shop.example.com` or `example.com`; a top-level domain is no one's.
    package static func candidates(for domain: String) -> [String] {
        let labels = domain.lowercased().split(separator: ".", omittingEmptySubsequences: true)
        guard labels.count >= 2 else { return [] }
        return (0...(labels.count - 2)).map { labels[$0...].joined(separator: ".") }
    }
}
