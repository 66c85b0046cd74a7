import DeployEngine
import Foundation

/// How `berth logs` prints an event: `docker compose logs`' layout (`service  | message`, the
/// service in its own colour), or one JSON object per line with `--output json`.
struct LogLines: Sendable {
    let services: [String]
    let format: OutputFormat
    let timestamps: Bool
    let colour: Bool
    let width: Int

    /// docker compose's palette: cyan, yellow, green, magenta, blue, then their bright kinds.
    static let palette = ["36", "33", "32", "35", "34", "96", "93", "92", "95", "94"]

    init(services: [String], format: OutputFormat, timestamps: Bool, colour: Bool) {
        self.services = services
        self.format = format
        self.timestamps = timestamps
        self.colour = colour
        width = services.map(\.count).max() ?? 0
    }

    /// The event's lines, each ending in a newline: a multi-line message keeps its column.
    func render(_ event: LogEvent) -> String {
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(event)) ?? Data(), as: UTF8.self) + "\n"
        }
        var column = event.service.padding(toLength: width, withPad: " ", startingAt: 0) + " |"
        if colour {
            let code = Self.palette[(services.firstIndex(of: event.service) ?? 0) % Self.palette.count]
            column = "\u{1B}[\(code)m\(column)\u{1B}[0m"
        }
        let time = timestamps ? event.isoTime + " " : ""
        var message = event.message
        while message.hasSuffix("\n") || message.hasSuffix("\r") { message.removeLast() }
        return message.split(separator: "\n", omittingEmptySubsequences: false).map { "\(column) \(time)\($0)\n" }.joined()
    }
}
