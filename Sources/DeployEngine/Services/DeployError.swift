import AWSRuntime

/// A failure of the deploy engine with what to do about it.
package struct DeployError: HintedError {
    package var message: String
    package var hint: String?

    package init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    /// A failure only a bug in Berth can cause: an invariant broke, not the input or AWS.
    static func bug(_ message: String) -> DeployError {
        DeployError(message, hint: "this is a bug in Berth; please report it")
    }
}
