/// An error that knows how to present itself: one line of what happened, an optional hint of
/// what to do, and the exit status it leaves with.
public protocol UserFacingError: Error {
    var summary: String { get }
    var hint: String? { get }
    var exitStatus: ExitStatus { get }
}

/// Bad input found before any AWS call (the compose files, flag combinations).
public struct BadInputError: UserFacingError {
    public var summary: String
    public var hint: String?
    public var exitStatus: ExitStatus { .badInput }

    public init(_ summary: String, hint: String? = nil) {
        self.summary = summary
        self.hint = hint
    }
}

/// A failure that was already reported in full (e.g. diagnostics printed); only the status is left.
public struct ReportedFailure: UserFacingError {
    public var summary: String { "" }
    public var hint: String? { nil }
    public var exitStatus: ExitStatus

    public init(_ exitStatus: ExitStatus) {
        self.exitStatus = exitStatus
    }
}
