/// The last `capacity` elements appended, in order: `--tail N` over a range of any size holds N.
package struct RingBuffer<Element> {
    private var storage: [Element] = []
    private var next = 0
    package let capacity: Int

    package init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    package mutating func append(_ element: Element) {
        guard capacity > 0 else { return }
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[next] = element
        }
        next = (next + 1) % capacity
    }

    /// Oldest first.
    package var elements: [Element] {
        storage.count < capacity ? storage : Array(storage[next...] + storage[..<next])
    }
}
