/// Pages of a list operation as an `AsyncSequence`, following NextToken or Marker until AWS
/// stops returning one.
public struct Paginator<Page: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page
    public typealias Fetch = @Sendable (_ token: String?) async throws -> (page: Page, next: String?)

    let fetch: Fetch

    public init(_ fetch: @escaping Fetch) {
        self.fetch = fetch
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let fetch: Fetch
        var token: String?
        var finished = false

        public mutating func next() async throws -> Page? {
            guard !finished else { return nil }
            let (page, next) = try await fetch(token)
            // An empty token ends the listing too: some services send "" rather than omitting it.
            if let next, !next.isEmpty, next != token {
                token = next
            } else {
                finished = true
            }
            return page
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fetch: fetch)
    }

    /// Every item of every page.
    public func collect<Item>(_ items: (Page) -> [Item]) async throws -> [Item] {
        var all: [Item] = []
        for try await page in self { all += items(page) }
        return all
    }
}
