import Foundation

/// The times `--since` and `--until` take, as `docker compose logs` reads them: a duration back
/// from now (`90s`, `10m`, `2h`, `3d`, `1w`, or `1h30m`) or an ISO 8601 time (`2026-12-04`,
/// `2026-12-04T09:30:00Z`, `2026-12-04T09:30:00+01:00`; without a zone, UTC).
package enum LogTime {
    /// Milliseconds since 1970; nil when the text is neither.
    package static func parse(_ text: String, now: Date = Date()) -> Int? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let seconds = duration(text) { return Int((now.timeIntervalSince1970 - seconds) * 1000) }
        // Without seconds, `2026-12-04T09:30` is read as `2026-12-04T09:30:00`.
        let minuteOnly = text.count == 16 && text.dropFirst(10).first == "T" ? text + ":00" : text
        for style in Self.styles {
            if let date = try? style.parse(minuteOnly) { return Int(date.timeIntervalSince1970 * 1000) }
        }
        return nil
    }

    /// With a zone, with fractional seconds, without a zone (UTC), a day: ISO 8601 styles that
    /// Foundation reads itself (a DateFormatter would load ICU's data, 10 MB, for `berth logs`).
    static let styles: [Date.ISO8601FormatStyle] = [
        Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true),
        Date.ISO8601FormatStyle().year().month().day().dateTimeSeparator(.standard).time(includingFractionalSeconds: false),
        Date.ISO8601FormatStyle().year().month().day(),
    ]

    /// Seconds in `1h30m`-style text; nil unless every part is a number and a unit.
    package static func duration(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800]
        var total = 0.0
        var number = ""
        for character in text {
            if character.isASCII && character.isNumber {
                number.append(character)
            } else if let unit = units[character], let value = Double(number) {
                total += value * unit
                number = ""
            } else {
                return nil
            }
        }
        return number.isEmpty && !text.isEmpty ? total : nil
    }
}
