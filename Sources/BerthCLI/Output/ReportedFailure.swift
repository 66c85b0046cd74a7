/// A failure that was already reported in full (e.g. diagnostics printed); only the exit status
/// is left, so the renderer prints nothing.
public struct ReportedFailure: Error, Sendable {
    public var exitStatus: ExitStatus

    public init(_ exitStatus: ExitStatus) {
        self.exitStatus = exitStatus
    }
}
