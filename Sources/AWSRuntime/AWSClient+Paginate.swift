/// Pages of a list operation as an `AsyncSequence`, following NextToken or Marker until AWS
/// stops returning one.
package struct Paginator<Page: Sendable>: AsyncSequence, Sendable {
    package typealias Element = Page
    package typealias Fetch = @Sendable (_ token: String?) async throws -> (page: Page, next: String?)

    let fetch: Fetch

    package init(_ fetch: @escaping Fetch) {
        self.fetch = fetch
    }

    package struct AsyncIterator: AsyncIteratorProtocol {
        let fetch: Fetch
        var token: String?
        var finished = false

        package mutating func next() async throws -> Page? {
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

    package func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fetch: fetch)
    }

    /// Every item of every page.
    package func collect<Item>(_ items: (Page) -> [Item]) async throws -> [Item] {
        var all: [Item] = []
        for try await page in self { all += items(page) }
        return all
    }
}
