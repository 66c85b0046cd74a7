import AWSServices
import Foundation

/// Whether a live stack already is what a request asks for, so that a second deploy can stop
/// before any write. A change set would answer the same question, but creating (and deleting)
/// one are two writes, and the project promises a no-op deploy makes none.
///
/// Conservative on purpose: anything it cannot compare exactly (a `NoEcho` parameter AWS shows
/// as `****`, a parameter left to its default, a template AWS reformatted) counts as "maybe
/// different", and the deployer falls back to a change set, which settles it.
enum StackComparison {
    static func matches(stack: CloudFormationClient.Stack, currentTemplate: String?, request: StackRequest) -> Bool {
        guard stack.StackStatus.isUpdatable, let currentTemplate else { return false }
        return normalized(currentTemplate) == normalized(request.templateBody)
            && stack.parameterValues == request.parameters
            && stack.tagValues == request.tags
    }

    /// Line endings and trailing blank space are not part of a template's meaning, and XML
    /// transport may have changed them.
    static func normalized(_ template: String) -> String {
        var text = template.replacingOccurrences(of: "\r\n", with: "\n")
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
