import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// Single-template mode groups services into tasks as the API mode does.
struct UnifiedGroupedTaskTests {
    static let compose = """
        name: shop
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
            volumes: [content:/usr/share/nginx/html]
            depends_on: [api]
            x-berth: { task: app }
          api:
            image: shop/api:1.0
            expose: ["8080"]
            volumes: [content:/srv/content]
            x-berth: { task: app }
          db:
            image: postgres:16
        volumes:
          content: {}
        """

    @Test func oneTaskDefinitionServiceAndPolicyPerTask() throws {
        let options = ComposeLoadOptions(
            files: [], workingDirectory: "/p", projectName: nil, envFiles: [], processEnvironment: [:], profiles: [],
            fileSystem: InMemoryFileSystem(files: ["/p/compose.yaml": Self.compose]))
        let result = ComposeLoader.load(options)
        let site = try #require(result.site).resolved(environmentName: nil)
        let rendered = try UnifiedStack(site: site, input: InfraStackInput(site: site, environmentName: "dev"), processEnvironment: [:]).render()
        let template = rendered.template
        // Besides the backup and restore tasks of the volume.
        #expect(
            template.resources.filter { $0.type == "AWS::ECS::TaskDefinition" }.map(\.logicalId) == [
                StackLogicalID.backupTaskDefinition, StackLogicalID.restoreTaskDefinition, "TaskDefinitionApp", "TaskDefinitionDb",
            ])
        #expect(template.resources.filter { $0.type == "AWS::ECS::Service" }.map(\.logicalId) == ["ServiceApp", "ServiceDb"])
        let definition = try #require(template.resource("TaskDefinitionApp"))
        guard case .list(let containers) = definition.properties["ContainerDefinitions"] else {
            Issue.record("no containers")
            return
        }
        #expect(containers.map { $0["Name"] } == ["web", "api"])
        #expect(containers.first?["DependsOn"] == [["Condition": "START", "ContainerName": "api"]])
        let policy = try #require(template.resource("AccessPointPolicyApp"))
        #expect(policy.properties["Roles"] == [.ref("TaskRoleApp")])
        let service = try #require(template.resource("ServiceApp"))
        #expect(service.dependsOn.contains("AccessPointPolicyApp"))
    }
}
