import BerthTesting
import Foundation
import Testing

/// This target's goldens live in `Golden/` beside the tests.
func assertGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try BerthTesting.assertGolden(
        actual, named: name, in: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden"),
        sourceLocation: sourceLocation)
}
