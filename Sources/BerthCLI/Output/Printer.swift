import Foundation

/// Results go to stdout (text, or JSON with `--output json`); progress and notes go to stderr,
/// so `berth ... --output json | jq` always sees clean JSON.
struct Printer: Sendable {
    let format: OutputFormat

    func result<Value: Encodable>(_ value: Value, text: () -> String) throws {
        switch format {
        case .text:
            write(text(), to: .standardOutput)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            write(String(decoding: try encoder.encode(value), as: UTF8.self), to: .standardOutput)
        }
    }

    func progress(_ line: String) {
        write(line, to: .standardError)
    }

    func write(_ text: String, to handle: FileHandle) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        handle.write(Data(line.utf8))
    }
}
