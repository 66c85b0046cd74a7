import AWSServices
import StackTemplates

/// A stack to deploy: the rendered template and what goes with it. The deployer compares all
/// of it with the live stack, so pass every template parameter explicitly: one left to its
/// default cannot be told apart from one changed, and costs a change set to find out.
package struct StackRequest: Sendable, Equatable {
    /// Up to 128 characters: letters, digits and hyphens, starting with a letter.
    package var name: String
    package var templateBody: String
    package var parameters: [String: String]
    package var tags: [String: String]
    package var capabilities: [CloudFormationClient.Capability]

    package init(
        name: String, templateBody: String, parameters: [String: String] = [:], tags: [String: String] = [:],
        capabilities: [CloudFormationClient.Capability] = []
    ) {
        self.name = name
        self.templateBody = templateBody
        self.parameters = parameters
        self.tags = tags
        self.capabilities = capabilities
    }

    /// A site's stack (infrastructure or unified): named and tagged after the site and its
    /// mode, allowed to make IAM roles and to expand nested stacks.
    package static func site(_ names: Names, mode: DeployMode, templateBody: String, parameters: [String: String]) -> StackRequest {
        StackRequest(
            name: names.stack, templateBody: templateBody, parameters: parameters,
            tags: Dictionary(uniqueKeysWithValues: names.siteTags + [(BerthTag.mode, mode.rawValue)]), capabilities: [.iam, .autoExpand])
    }
}
