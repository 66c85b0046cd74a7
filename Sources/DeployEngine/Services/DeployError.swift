import AWSRuntime

/// A failure of the deploy engine with what to do about it.
public struct DeployError: HintedError {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
