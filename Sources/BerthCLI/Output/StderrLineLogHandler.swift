import Foundation
import Logging

/// Writes each log message as one plain line on stderr (the `--verbose` request log).
struct StderrLineLogHandler: LogHandler {
    var prefix: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        FileHandle.standardError.write(Data("\(prefix)\(event.message)\n".utf8))
    }
}
