import StackTemplates

extension StackString {
    /// The text the API mode sends. Its target holds the real ids, so a value only a stack
    /// knows cannot reach an API request unless Berth itself is wrong.
    func known(_ what: @autoclosure () -> String) throws -> String {
        guard let text else { throw DeployError.bug("\(what()) is only known inside a CloudFormation stack, not to an API request") }
        return text
    }
}
