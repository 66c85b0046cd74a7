import ComposeModel
import Foundation
import Testing

@testable import StackTemplates

/// A site whose services share a task (`x-berth` `task`): one role and one pair of alarms per
/// task; target groups and repositories stay per compose service.
struct TaskGroupingTemplateTests {
    static let compose = """
        name: shop
        x-berth:
          alarms: { email: [ops@example.com] }
        services:
          web:
            image: nginx
            ports: ["80:80"]
            x-aws-policies: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
            x-berth: { task: app }
          sidecar:
            build: ./sidecar
            image: shop/sidecar
            x-aws-role:
              Version: "2012-10-17"
              Statement: [{ Effect: Allow, Action: ["sqs:SendMessage"], Resource: "*" }]
            x-aws-policies: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess, arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess]
            x-berth: { task: app }
          db:
            image: postgres
        """

    @Test func oneRoleAndAlarmsPerTask() throws {
        let site = try Fixtures.load(
            directory: "/p", environment: nil, inMemory: ["/p/compose.yaml": Self.compose, "/p/sidecar/Dockerfile": "FROM busybox\n"])
        let input = InfraStackInput(site: site, environmentName: "dev")
        #expect(input.services.map(\.name) == ["web", "sidecar", "db"])
        #expect(input.tasks.map(\.name) == ["app", "db"])
        let app = try #require(input.tasks.first)
        #expect(app.logicalId == "App")
        #expect(app.members == ["web", "sidecar"])
        #expect(app.managedPolicies == ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"])
        #expect(app.inlinePolicies.map(\.name) == ["x-aws-role-sidecar"])
        #expect(input.tasks[1].logicalId == "Db")

        let template = InfraStack(input).template()
        let roles = template.resources.filter { $0.logicalId.hasPrefix("TaskRole") }.map(\.logicalId)
        #expect(roles == ["TaskRoleApp", "TaskRoleDb"])
        let role = try #require(template.resource("TaskRoleApp"))
        #expect(
            role.properties["ManagedPolicyArns"] == [
                "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess",
            ])
        let alarm = try #require(template.resource("AppCpuAlarm"))
        #expect(
            alarm.properties["Dimensions"] == [
                ["Name": "ClusterName", "Value": InfraStack(input).clusterName.template], ["Name": "ServiceName", "Value": "app"],
            ])
        #expect(template.resource("WebCpuAlarm") == nil)
        #expect(template.resource("DbMemoryAlarm") != nil)
        // Listeners and target groups stay per compose service.
        #expect(template.resource(InfraStack.targetGroupId(service: input.services[0], port: 80)) != nil)
    }
}
