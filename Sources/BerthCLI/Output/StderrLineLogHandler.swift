import Foundation
import Logging

/// Writes each log message as one plain line on stderr (the `--verbose` request log).
struct StderrLineLogHandler: LogHandler {
    var prefix: String
    var console: Console = .standard
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        console.write("\(prefix)\(event.message)\n", .error)
    }
}
