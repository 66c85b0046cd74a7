import Foundation

/// Where a command's text goes: results to standard output, progress, notes and errors to
/// standard error. Commands never write to a file handle themselves, so a test can run a command
/// in process and read both streams.
struct Console: Sendable {
    enum Stream: Sendable {
        case output
        case error
    }

    /// Writes the text as it is; callers add the newline.
    let write: @Sendable (String, Stream) -> Void
    /// Whether the stream is a terminal, where colours are welcome; tests' consoles are not.
    var isTerminal: @Sendable (Stream) -> Bool = { _ in false }

    /// The process's own standard output and standard error.
    static let standard = Console(
        write: { text, stream in (stream == .output ? FileHandle.standardOutput : FileHandle.standardError).write(Data(text.utf8)) },
        isTerminal: { stream in isatty(stream == .output ? STDOUT_FILENO : STDERR_FILENO) != 0 })
}
