extension Array where Element: Hashable {
    /// The elements without repeats, first occurrence kept, order kept: compose lists are
    /// ordered, and so is everything rendered from them.
    package func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements (AWS batch limits, nested stack groups).
    package func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
