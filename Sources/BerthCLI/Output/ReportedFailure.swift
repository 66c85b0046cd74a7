/// A failure that was already reported in full (e.g. diagnostics printed); only the exit status
/// is left, so the renderer prints nothing.
package struct ReportedFailure: Error, Sendable {
    package var exitStatus: ExitStatus

    package init(_ exitStatus: ExitStatus) {
        self.exitStatus = exitStatus
    }
}
