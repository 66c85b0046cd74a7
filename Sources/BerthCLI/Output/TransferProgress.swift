import DeployEngine
import Foundation

/// Bytes moved and the rate, for uploads and downloads: one line redrawn in place on a
/// terminal, a line at each quarter elsewhere (CI logs stay short).
final class TransferProgress: @unchecked Sendable {
    private let label: String
    private let console: Console
    private let redraw: Bool
    private let started = Date()
    /// Guarded by `lock`: parts finish on several tasks.
    private let lock = NSLock()
    private var shownQuarter = -1
    private var drew = false

    init(_ label: String, printer: Printer) {
        self.label = label
        console = printer.console
        redraw = printer.console.isTerminal(.error)
    }

    func update(_ done: Int64, _ total: Int64) {
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let line = Self.line(label, done: done, total: total, seconds: seconds)
        let quarter = total > 0 ? Int(done * 4 / total) : 4
        lock.withLock {
            if redraw {
                console.write("\r\u{1B}[2K" + line, .error)
                drew = true
            } else if quarter > shownQuarter {
                shownQuarter = quarter
                console.write(line + "\n", .error)
            }
        }
    }

    /// Ends the redrawn line.
    func finish() {
        lock.withLock {
            if drew { console.write("\n", .error) }
            drew = false
        }
    }

    /// `upload  48.0 MB of 100.0 MB (48%), 12.3 MB/s`
    static func line(_ label: String, done: Int64, total: Int64, seconds: Double) -> String {
        let percent = total > 0 ? done * 100 / total : 100
        return "\(label)  \(ByteSize.text(done)) of \(ByteSize.text(total)) (\(percent)%), \(ByteSize.text(Int64(Double(done) / seconds)))/s"
    }
}
