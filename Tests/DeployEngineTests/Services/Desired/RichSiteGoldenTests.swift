import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// Both outputs of the engine for `RichSite`, byte for byte: the ECS requests the API mode sends
/// (whose `berth:hash` tags decide whether a revision or update is needed) and the single
/// template's task definitions and services.
struct RichSiteGoldenTests {
    /// Every RegisterTaskDefinition and CreateService input, as the hash sees them (sorted keys).
    @Test func theECSRequests() throws {
        let site = try RichSite.site()
        let builder = DesiredStateBuilder(
            site: site, target: RichSite.target, names: Names(project: "rich", environment: "dev"),
            content: ContentReader(processEnvironment: RichSite.environment))
        let resolved = DesiredStateBuilder.Resolved(
            accessPoints: ["web/data": "fsap-web-data", "web/shared": "fsap-web-shared", "api/data": "fsap-api-data"],
            images: ["worker": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/rich/worker@sha256:abc"],
            valueArns: ["berth/rich/dev/db": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:berth/rich/dev/db-AbCdEf"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var text = ""
        for task in site.tasks {
            let definition = try builder.taskDefinition(task, resolved: resolved)
            let service = try builder.serviceSpec(task, taskDefinition: "\(builder.family(task.name)):1")
            text += "# \(task.name): task definition\n" + String(decoding: try encoder.encode(definition), as: UTF8.self) + "\n"
            text += "# \(task.name): service\n" + String(decoding: try encoder.encode(service), as: UTF8.self) + "\n"
            text += "# \(task.name): update\n" + String(decoding: try encoder.encode(service.update(forceNewDeployment: false)), as: UTF8.self) + "\n"
        }
        try assertGolden(text, named: "rich-site.ecs.json")
    }

    /// The single template's services layer (the infrastructure part has goldens of its own).
    @Test func theUnifiedResources() throws {
        let site = try RichSite.site()
        try assertGolden(Self.servicesLayer(site, types: Self.servicesLayerTypes), named: "rich-site.unified.yaml")
    }

    /// In an existing VPC and cluster the subnets are picked from a list parameter and the
    /// cluster is a name: values that are not references.
    @Test func theUnifiedServicesInAnExistingVPCAndCluster() throws {
        var site = try RichSite.site()
        site.aws.vpc = "vpc-0123"
        site.aws.cluster = "shared-cluster"
        try assertGolden(
            Self.servicesLayer(site, types: ["AWS::ECS::Service", "AWS::ApplicationAutoScaling::ScalableTarget"]),
            named: "rich-site-existing-network.unified.yaml")
    }

    static let servicesLayerTypes: Set<String> = [
        "AWS::EFS::AccessPoint", "AWS::IAM::Policy", "AWS::ECS::TaskDefinition", "AWS::ECS::Service",
        "AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy",
    ]

    /// The template's sections that hold resources of `types`, without the rest.
    static func servicesLayer(_ site: Site, types: Set<String>) throws -> String {
        let rendered = try UnifiedStack(
            site: site, input: InfraStackInput(site: site, environmentName: "dev"), processEnvironment: RichSite.environment
        )
        .render()
        var template = Template(description: rendered.template.description)
        template.sections = rendered.template.sections.filter { section in
            section.resources.contains { types.contains($0.type) } && !section.resources.contains { $0.type == "AWS::IAM::Role" }
        }
        for index in template.sections.indices {
            template.sections[index].resources.removeAll { !types.contains($0.type) }
        }
        return YAMLEmitter.render(template)
    }
}
