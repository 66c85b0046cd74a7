import Foundation

/// What callbacks saw, in order, safe to append to from any task: the notes, events, questions
/// or lines a test checks afterwards.
package final class Recorded<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var elements: [Element] = []

    package init() {}

    package func append(_ element: Element) { lock.withLock { elements.append(element) } }
    package var all: [Element] { lock.withLock { elements } }
}
