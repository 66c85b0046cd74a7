import AWSServices

/// The engine builds task definitions in the ECS client's own wire shapes: what is hashed is
/// exactly what RegisterTaskDefinition receives.
package typealias TaskDefinitionSpec = ECSClient.TaskDefinitionSpec
package typealias ContainerDefinition = ECSClient.ContainerDefinition
package typealias ECSTag = ECSClient.Tag

extension ECSClient.Tag {
    init(_ key: String, _ value: String) {
        self.init(key: key, value: value)
    }
}
