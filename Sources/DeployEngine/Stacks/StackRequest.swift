import AWSServices

/// A stack to deploy: the rendered template and what goes with it. The deployer compares all
/// of it with the live stack, so pass every template parameter explicitly: one left to its
/// default cannot be told apart from one changed, and costs a change set to find out.
public struct StackRequest: Sendable, Equatable {
    /// Up to 128 characters: letters, digits and hyphens, starting with a letter.
    public var name: String
    public var templateBody: String
    public var parameters: [String: String]
    public var tags: [String: String]
    public var capabilities: [CloudFormationClient.Capability]

    public init(
        name: String, templateBody: String, parameters: [String: String] = [:], tags: [String: String] = [:],
        capabilities: [CloudFormationClient.Capability] = []
    ) {
        self.name = name
        self.templateBody = templateBody
        self.parameters = parameters
        self.tags = tags
        self.capabilities = capabilities
    }
}
