import AWSRuntime

/// Bad input found before any AWS call (the compose files, flag combinations); the command
/// ends with `ExitStatus.badInput`, not the usual failure.
public struct BadInputError: HintedError {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
