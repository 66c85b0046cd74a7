import Dispatch
import Foundation

/// Ctrl-C (SIGINT) and SIGTERM for a running command: the first asks the command to stop (its
/// task is cancelled: the AWS call in flight finishes, no new one starts, the environment's lock
/// is released, and the error says that a re-run finishes the rest, exit 130); a second one quits
/// at once.
final class Interrupts: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let lock = NSLock()
    private var count = 0

    /// Starts listening; `stop` runs on the first signal, off the main thread.
    static func install(stop: @escaping @Sendable () -> Void) -> Interrupts {
        let interrupts = Interrupts()
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [interrupts] in
                let first = interrupts.lock.withLock {
                    interrupts.count += 1
                    return interrupts.count == 1
                }
                if first {
                    FileHandle.standardError.write(Data("\nstopping after the current AWS call (Ctrl-C again to quit at once)\n".utf8))
                    stop()
                } else {
                    exit(ExitStatus.interrupted.rawValue)
                }
            }
            source.resume()
            interrupts.sources.append(source)
        }
        return interrupts
    }

    func uninstall() {
        for source in sources { source.cancel() }
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
    }
}
