import Foundation

/// Results go to stdout (text, or JSON with `--output json`); progress and notes go to stderr,
/// so `berth ... --output json | jq` always sees clean JSON.
struct Printer: Sendable {
    let format: OutputFormat
    var console: Console = .standard

    func result<Value: Encodable>(_ value: Value, text: () -> String) throws {
        switch format {
        case .text:
            write(text(), to: .output)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            write(String(decoding: try encoder.encode(value), as: UTF8.self), to: .output)
        }
    }

    func progress(_ line: String) {
        write(line, to: .error)
    }

    /// One line or more, ending in a newline.
    func write(_ text: String, to stream: Console.Stream) {
        console.write(text.hasSuffix("\n") ? text : text + "\n", stream)
    }
}
