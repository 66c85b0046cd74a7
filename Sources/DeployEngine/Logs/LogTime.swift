import Foundation

/// The times `--since` and `--until` take, as `docker compose logs` reads them: a duration back
/// from now (`90s`, `10m`, `2h`, `3d`, `1w`, or `1h30m`) or an ISO 8601 time (`2026-12-04`,
/// `2026-12-04T09:30:00Z`, `2026-12-04T09:30:00+01:00`; without a zone, UTC).
package enum LogTime {
    /// Milliseconds since 1970; nil when the text is neither.
    package static func parse(_ text: String, now: Date = Date()) -> Int? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let seconds = duration(text) { return Int((now.timeIntervalSince1970 - seconds) * 1000) }
        for format in ["yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return Int(date.timeIntervalSince1970 * 1000) }
        }
        return nil
    }

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
