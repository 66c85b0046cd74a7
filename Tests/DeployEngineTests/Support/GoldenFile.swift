import BerthTesting
import Foundation
import Testing

/// This target's goldens live in `Golden/` at the top of the target.
func assertGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try BerthTesting.assertGolden(
        actual, named: name,
        in: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden"),
        sourceLocation: sourceLocation)
}
