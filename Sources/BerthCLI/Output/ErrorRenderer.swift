import AWSRuntime
import ArgumentParser
import Foundation

/// The one place that prints errors: `error: <what happened>` and `hint: <what to do>` on
/// stderr, then the exit status. AWS error codes and request ids are always kept.
enum ErrorRenderer {
    static func render(_ error: any Error, verbose: Bool, console: Console = .standard) -> Int32 {
        if let child = error as? ChildExitStatus { return child.code }
        var (summary, hint, status) = describe(error)
        // Whatever failed after Ctrl-C failed because of it: say so, with what it was.
        if Task.isCancelled, !(error is CancellationError), status != nil, status != .badInput {
            (summary, hint, status) = ("interrupted (\(summary))", "run the same command again: every step is safe to repeat", .interrupted)
        }
        if let status = status {
            var text = summary.isEmpty ? "" : "error: \(summary)\n"
            if let hint { text += "hint: \(hint)\n" }
            if verbose, let cause = (error as? RetriesExhaustedError)?.last ?? (error as? NotRepeatedError)?.last {
                text += "cause: \(cause)\n"
            }
            console.write(text, .error)
            return status.rawValue
        }
        // ArgumentParser's own: help, --version, usage errors.
        let code = Berth.exitCode(for: error)
        let message = Berth.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { console.write(message + "\n", .output) }
            return 0
        }
        console.write(message + "\n", .error)
        return code == .validationFailure ? ExitStatus.badInput.rawValue : code.rawValue
    }

    /// `nil` status: leave it to ArgumentParser.
    ///
    /// Every `HintedError` prints its own message and hint. Only the kinds that differ are named:
    /// exit statuses other than 1, AWS answers (code and request id, with a hint from the code),
    /// and runtime failures whose advice is the CLI's to give.
    static func describe(_ error: any Error) -> (String, String?, ExitStatus?) {
        switch error {
        case let error as ReportedFailure:
            return ("", nil, error.exitStatus)
        case let error as BadInputError:
            return (error.message, error.hint, .badInput)
        case let error as AWSServiceError:
            return (error.description, hint(for: error), .failure)
        case let error as RetriesExhaustedError:
            let hint =
                (error.last as? AWSServiceError).flatMap(hint(for:))
                ?? "try again later; AWS_MAX_ATTEMPTS raises the number of attempts"
            return (error.description, hint, .failure)
        case let error as NotRepeatedError:
            return (error.description, "run the same command again: it reads what AWS did and finishes the rest", .failure)
        case let error as TransportError:
            return (error.description, "check the endpoint (AWS_ENDPOINT_URL, --region) and the network", .failure)
        case let error as Waiter.TimedOut:
            return (error.description, "run the command again to keep waiting; nothing was undone", .failure)
        case is CancellationError:
            return ("interrupted", "run the same command again: every step is safe to repeat", .interrupted)
        case let error as any HintedError:
            return (error.message, error.hint, .failure)
        default:
            return ("", nil, nil)
        }
    }

    static func hint(for error: AWSServiceError) -> String? {
        switch error.code {
        case "SignatureDoesNotMatch", "InvalidSignatureException":
            return "the secret access key does not match the access key id; check AWS_SECRET_ACCESS_KEY or the profile's aws_secret_access_key"
        case "InvalidClientTokenId", "UnrecognizedClientException", "AuthFailure", "InvalidAccessKeyId":
            return "AWS does not know this access key id; check the credentials (berth doctor shows where they come from)"
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired":
            return "the session token has expired; refresh the credentials (e.g. aws sso login, or a new assume-role)"
        case "MissingAuthenticationToken", "MissingAuthenticationTokenException":
            return "the request carried no credentials; set AWS_PROFILE or AWS_ACCESS_KEY_ID"
        case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation":
            return "the identity lacks the IAM permission for \(error.service) \(error.operation)"
        default:
            return error.isThrottling ? "AWS is throttling requests; try again in a minute" : nil
        }
    }
}
