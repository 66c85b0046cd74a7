import AWSRuntime

/// Bad input found before any AWS call (the compose files, flag combinations); the command
/// ends with `ExitStatus.badInput`, not the usual failure.
package struct BadInputError: HintedError {
    package var message: String
    package var hint: String?

    package init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
