import Foundation

/// Timestamps as AWS writes them: ISO 8601 with or without fractional seconds (XML protocols),
/// or epoch seconds (JSON protocols).
package enum AWSDate {
    package static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        return nil
    }

    package static func iso8601(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
