import Foundation

/// Timestamps as AWS writes them: ISO 8601 with or without fractional seconds (XML protocols),
/// or epoch seconds (JSON protocols).
///
/// With `Date.ISO8601FormatStyle`, which Foundation implements itself, not `ISO8601DateFormatter`
/// or `DateFormatter`: those go through ICU, whose first use pages in about 10 MB of its data, a
/// quarter of a deploy's memory.
package enum AWSDate {
    package static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        return nil
    }

    /// `2026-12-04T03:00:00Z`
    package static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
