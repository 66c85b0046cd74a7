/// Berth's exit codes. Bad input is 2 on purpose: ArgumentParser's own is 64 (EX_USAGE) on Linux.
package enum ExitStatus: Int32, Sendable {
    case success = 0
    /// An AWS call, a deploy or a check failed.
    case failure = 1
    /// The command line or the compose files are wrong; nothing was sent to AWS.
    case badInput = 2
    case interrupted = 130
}
