import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

struct UnifiedStackTests {
    static let compose = """
        name: shop
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
            configs:
              - source: site
                target: /etc/nginx/conf.d/site.conf
          cms:
            image: ghost:5
            expose: ["2368"]
            volumes: [content:/var/lib/ghost/content]
            secrets: [db-password]
          worker:
            build: ./worker
            image: shop/worker:2.0
            deploy:
              x-aws-autoscaling: {min: 1, max: 4, cpu: 60}
        volumes:
          content:
            driver_opts: {uid: "1000", gid: "1000"}
        configs:
          site:
            content: "server { listen 80; }"
        secrets:
          db-password:
            environment: DB_PASSWORD
        """

    static func rendered(environment: [String: String] = ["DB_PASSWORD": "s3cret-value"]) throws -> UnifiedStack.Rendered {
        let options = ComposeLoadOptions(
            files: [], workingDirectory: "/p", projectName: nil, envFiles: [], processEnvironment: [:], profiles: [],
            fileSystem: InMemoryFileSystem(files: ["/p/compose.yaml": compose], directories: ["/p/worker"]))
        let result = ComposeLoader.load(options)
        guard let site = result.site, !result.hasErrors else { throw DeployError(result.diagnostics.map(\.description).joined(separator: "\n")) }
        let resolved = try site.resolved(environmentName: nil)
        return try UnifiedStack(site: resolved, input: InfraStackInput(site: resolved, environmentName: "dev"), processEnvironment: environment)
            .render()
    }

    @Test func secretsAreParametersAndTheirValuesAreNowhere() throws {
        let rendered = try Self.rendered()
        #expect(rendered.secretParameters == ["berth/shop/dev/db-password": "SecretDbPasswordArn"])
        #expect(rendered.template.parameters.map(\.name).contains("SecretDbPasswordArn"))
        #expect(!rendered.yaml.contains("s3cret-value"))
        let cms = try #require(rendered.template.resource("TaskDefinitionCms"))
        let secrets = cms.properties["ContainerDefinitions"].flatMap { if case .list(let list) = $0 { list.first?["Secrets"] } else { nil } }
        #expect(secrets == [["Name": "BERTH_FILE_0", "ValueFrom": .ref("SecretDbPasswordArn")]])
    }

    @Test func aTemplateNeedsNoSecretValue() throws {
        // `berth template --unified` runs without the secrets' environment.
        let rendered = try Self.rendered(environment: [:])
        #expect(rendered.secretParameters.count == 1)
    }

    @Test func configContentsAreParametersOfTheStack() throws {
        let rendered = try Self.rendered()
        let config = try #require(rendered.template.resource("ConfigWeb0"))
        #expect(config.type == "AWS::SSM::Parameter")
        #expect(config.properties["Value"] == "server { listen 80; }")
        #expect(config.properties["Name"] == "/berth/shop/dev/files/web/0-site")
        #expect(rendered.yaml.contains("parameter${ConfigWeb0}"))
    }

    @Test func builtImagesArePinnedThroughParameters() throws {
        let rendered = try Self.rendered()
        #expect(rendered.imageParameters == ["worker": "ImageWorker"])
        let worker = try #require(rendered.template.resource("TaskDefinitionWorker"))
        let image = worker.properties["ContainerDefinitions"].flatMap { if case .list(let list) = $0 { list.first?["Image"] } else { nil } }
        #expect(image == .ref("ImageWorker"))
        // The repositories are made through the API before the stack: an image must be pushed first.
        #expect(!rendered.template.resources.contains { $0.type == "AWS::ECR::Repository" })
    }

    @Test func accessPointsMountPoliciesAndVolumesReferToEachOther() throws {
        let template = try Self.rendered().template
        let point = try #require(template.resource("AccessPointCmsContent"))
        #expect(point.properties["FileSystemId"] == .ref("FileSystemContent"))
        #expect(point.properties["PosixUser"] == ["Uid": "1000", "Gid": "1000"])
        let policy = try #require(template.resource("AccessPointPolicyCms"))
        #expect(policy.properties["Roles"] == [.ref("TaskRoleCms")])
        let yaml = YAMLEmitter.render(Template(description: "", sections: [TemplateSection("", [policy])]))
        #expect(
            yaml.contains(
                "elasticfilesystem:AccessPointArn:\n                  - Fn::Sub: arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:access-point/${AccessPointCmsContent}"
            ))
        let volumes = template.resource("TaskDefinitionCms")?.properties["Volumes"]
        let efs = volumes.flatMap { if case .list(let list) = $0 { list.first } else { nil } }
        #expect(efs?["Name"] == "vol-content")
        #expect(
            efs?["EFSVolumeConfiguration"] == [
                "AuthorizationConfig": ["AccessPointId": .ref("AccessPointCmsContent"), "IAM": "ENABLED"],
                "FilesystemId": .ref("FileSystemContent"), "TransitEncryption": "ENABLED",
            ])
        let service = try #require(template.resource("ServiceCms"))
        #expect(service.dependsOn.contains("AccessPointPolicyCms"))
        #expect(service.dependsOn.contains("FileSystemContentMountTargetA"))
    }

    @Test func servicesWaitForTheirListenerAndScaleWhereAsked() throws {
        let template = try Self.rendered().template
        let web = try #require(template.resource("ServiceWeb"))
        #expect(web.dependsOn.contains("Listener80"))
        #expect(web.properties["TaskDefinition"] == .ref("TaskDefinitionWeb"))
        #expect(web.properties["Cluster"] == .ref("Cluster"))
        #expect(web.properties["ClientToken"] == nil)
        let target = try #require(template.resource("ScalableTargetWorker"))
        #expect(target.properties["ResourceId"] == .sub("service/${Cluster}/worker"))
        #expect(target.properties["MinCapacity"] == 1)
        let policy = try #require(template.resource("ScalingPolicyWorkerCPU"))
        #expect(policy.properties["TargetTrackingScalingPolicyConfiguration"]?["TargetValue"] == 60)
        #expect(!YAMLEmitter.render(template).contains("berth:hash"))
    }

    /// Issue 10, items 3 and 4: a service waits for its subnets' routes (a task started earlier
    /// cannot pull its image) and for the services it depends on (Service Connect reaches only
    /// services that existed when a task started; CloudFormation creates a service once stable).
    @Test(arguments: ["dev", "prod"])
    func servicesWaitForTheirRoutesAndForWhatTheyDependOn(_ environment: String) throws {
        let template = try UnifiedStackGoldenTests.rendered(environment).template
        let side = environment == "prod" ? "Private" : "Public"
        for id in ["ServiceProxy", "ServiceSite", "ServiceCms"] {
            let service = try #require(template.resource(id))
            #expect(Set(service.dependsOn).isSuperset(of: ["\(side)DefaultRoute", "\(side)SubnetARouteTable", "\(side)SubnetBRouteTable"]))
        }
        #expect(template.resource("ServiceProxy")?.dependsOn.contains("ServiceSite") == true)
        #expect(template.resource("ServiceSite")?.dependsOn.contains("ServiceCms") == true)
        #expect(template.resource("ServiceCms")?.dependsOn.contains { $0.hasPrefix("Service") } == false)
    }

    @Test func logOptionsKeepTheirKeys() throws {
        let template = try Self.rendered().template
        let web = template.resource("TaskDefinitionWeb")?.properties["ContainerDefinitions"]
        let main = web.flatMap { if case .list(let list) = $0 { list.last } else { nil } }
        #expect(
            main?["LogConfiguration"] == [
                "LogDriver": "awslogs",
                "Options": ["awslogs-group": .ref("LogGroup"), "awslogs-region": .ref("AWS::Region"), "awslogs-stream-prefix": "web"],
            ])
    }
}
