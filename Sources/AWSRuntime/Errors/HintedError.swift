/// An error a person reads and can act on: `message` is one line of what happened, `hint` what
/// to do about it (nil when the message says it all).
///
/// Every layer that talks to users throws these (credentials and client set-up here, the deploy
/// engine, the CLI's bad input), so the CLI's `ErrorRenderer` prints them all the same way
/// without knowing each type. The protocol lives in the lowest module those layers share; the
/// exit status is the CLI's business and stays there. Compose diagnostics are not hinted errors:
/// they carry a file position and are reported together, before anything is thrown.
package protocol HintedError: Error, CustomStringConvertible {
    var message: String { get }
    var hint: String? { get }
}

extension HintedError {
    package var description: String { message }
}
