import Foundation
import Testing

/// Compares rendered text with `<directory>/<name>`; `BERTH_RECORD_GOLDEN=1` rewrites the file
/// and fails the run, so a recording can never pass by accident. A mismatch names the first
/// differing line and the template resource it is in, as copilot's template comparison does.
package func assertGolden(_ actual: String, named name: String, in directory: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["BERTH_RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        Issue.record("recorded \(name); run again without BERTH_RECORD_GOLDEN", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no golden file \(url.path); record it with BERTH_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    let expectedLines = expected.components(separatedBy: "\n")
    let actualLines = actual.components(separatedBy: "\n")
    let index =
        zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(expectedLines.count, actualLines.count)
    let resource = actualLines.prefix(index + 1).last { $0.hasPrefix("  ") && !$0.hasPrefix("   ") && $0.hasSuffix(":") } ?? "(top level)"
    Issue.record(
        """
        \(name) differs at line \(index + 1), in \(resource.trimmingCharacters(in: .whitespaces))
          expected: \(index < expectedLines.count ? expectedLines[index] : "<end>")
          actual:   \(index < actualLines.count ? actualLines[index] : "<end>")
        """, sourceLocation: sourceLocation)
}
