import AWSRuntime
import AWSServices
import BerthTesting
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

struct ServicesReconcilerTests {
    static let compose = """
        name: shop
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
            volumes:
              - ./nginx.conf:/etc/nginx/nginx.conf:ro
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
        secrets:
          db-password:
            environment: DB_PASSWORD
        """

    /// The project folder: the loader and the content reader both read it.
    static func files(_ compose: String = compose) -> InMemoryFileSystem {
        InMemoryFileSystem(files: ["/p/compose.yaml": compose, "/p/nginx.conf": "events {}\n"], directories: ["/p/worker"])
    }

    static func site(_ compose: String = compose) throws -> Site {
        let options = ComposeLoadOptions(
            files: [], workingDirectory: "/p", projectName: nil, envFiles: [], processEnvironment: [:], profiles: [], fileSystem: files(compose))
        let result = ComposeLoader.load(options)
        guard let site = result.site, !result.hasErrors else { throw DeployError(result.diagnostics.map(\.description).joined(separator: "\n")) }
        return try site.resolved(environmentName: nil)
    }

    static let target = SiteTarget(
        stackName: "shop-dev", region: "us-east-1", accountId: "123456789012", cluster: "shop-dev", subnets: ["subnet-a", "subnet-b"],
        servicesSecurityGroup: "sg-1", logGroup: "/berth/shop/dev", executionRoleArn: "arn:aws:iam::123456789012:role/exec",
        namespace: "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1", fileSystems: ["content": "fs-1"],
        taskRoles: [
            "web": "arn:aws:iam::123456789012:role/web", "cms": "arn:aws:iam::123456789012:role/cms",
            "worker": "arn:aws:iam::123456789012:role/worker",
        ],
        targetGroups: ["web:80": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1"],
        repositories: ["worker": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/worker"])

    func reconciler(
        _ backend: InMemoryServicesBackend, site: Site, apply: Bool, environment: [String: String] = ["DB_PASSWORD": "s3cret"],
        services: Set<String>? = nil
    ) -> ServicesReconciler {
        ServicesReconciler(
            backend: backend, site: site, target: Self.target, names: Names(project: "shop", environment: "dev"),
            content: ContentReader(processEnvironment: environment, fileSystem: Self.files()),
            options: .init(
                apply: apply, services: services, waiter: Waiter(minDelay: 0.001, maxDelay: 0.001, timeout: 10, sleeper: RecordingSleeper())))
    }

    func prepared() throws -> (InMemoryServicesBackend, Site) {
        let site = try Self.site()
        let backend = InMemoryServicesBackend()
        backend.images["123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/worker:2.0"] = "sha256:abc"
        return (backend, site)
    }

    @Test func firstDeployCreatesEverythingAndASecondChangesNothing() async throws {
        let (backend, site) = try prepared()
        let first = try await reconciler(backend, site: site, apply: true).run()
        #expect(first.changes.contains(PlannedAction(.create, .service, "web", "1 × 0.25 vCPU / 0.5 GiB")))
        #expect(backend.accessPoints.count == 1)
        #expect(backend.taskDefinitions.keys.sorted() == ["shop-dev-cms", "shop-dev-web", "shop-dev-worker"])
        #expect(backend.services.count == 3)
        #expect(backend.scalings["service/shop-dev/worker"]?.max == 4)

        backend.resetWrites()
        let second = try await reconciler(backend, site: site, apply: true).run()
        #expect(second.changes.isEmpty, "\(second.changes)")
        #expect(backend.writeCount == 0, "\(backend.writes)")
    }

    @Test func planChangesNothing() async throws {
        let (backend, site) = try prepared()
        let plan = try await reconciler(backend, site: site, apply: false).run()
        #expect(backend.writeCount == 0)
        #expect(plan.changes.filter { $0.resource == .service }.map(\.name).sorted() == ["cms", "web", "worker"])
        #expect(plan.changes.contains { $0.resource == .accessPoint && $0.kind == .create })
    }

    /// EFS spells tag members `Key`/`Value`: the access point gets EFS tags, not ECS ones.
    @Test func accessPointsAreTaggedWithEFSTags() throws {
        let builder = DesiredStateBuilder(
            site: try Self.site(), target: Self.target, names: Names(project: "shop", environment: "dev"),
            content: ContentReader(processEnvironment: [:]))
        let spec = try #require(try builder.accessPoints().first)
        #expect(
            builder.accessPointTags(spec) == [
                EFSTag(Key: "berth:project", Value: "shop"), EFSTag(Key: "berth:environment", Value: "dev"),
                EFSTag(Key: "berth:mount", Value: "cms/content"), EFSTag(Key: "Name", Value: "shop-dev-cms-content"),
            ])
    }

    @Test func taskDefinitionsUseAccessPointsFilesLogsAndPinnedImages() async throws {
        let (backend, site) = try prepared()
        _ = try await reconciler(backend, site: site, apply: true).run()
        let cms = try #require(backend.taskDefinitions["shop-dev-cms"]?.last?.spec)
        let efs = try #require(cms.volumes?.first { $0.efsVolumeConfiguration != nil }?.efsVolumeConfiguration)
        #expect(efs.fileSystemId == "fs-1")
        #expect(efs.transitEncryption == "ENABLED")
        #expect(efs.authorizationConfig?.iam == "ENABLED")
        #expect(efs.authorizationConfig?.accessPointId == backend.accessPoints.first?.id)
        let main = try #require(cms.containerDefinitions.last)
        #expect(main.logConfiguration?.options?["awslogs-group"] == "/berth/shop/dev")
        #expect(main.logConfiguration?.options?["awslogs-stream-prefix"] == "cms")
        // The secret reaches the container as a file through the init container, never as text.
        let initContainer = try #require(cms.containerDefinitions.first { $0.name == "berth-files" })
        #expect(initContainer.secrets?.first?.valueFrom.hasPrefix("arn:aws:secretsmanager:") == true)
        #expect(!String(decoding: try JSONEncoder().encode(cms), as: UTF8.self).contains("s3cret"))
        #expect(main.dependsOn?.map { "\($0.containerName) \($0.condition)" } == ["berth-files SUCCESS"])
        let web = try #require(backend.taskDefinitions["shop-dev-web"]?.last?.spec)
        #expect(web.containerDefinitions.first?.command?.first?.contains("cp -a '/etc/nginx'/. /berth/0/") == true)
        #expect(
            web.containerDefinitions.first?.secrets?.first?.valueFrom
                == "arn:aws:ssm:us-east-1:123456789012:parameter/berth/shop/dev/files/web/0-nginx-conf")
        let worker = try #require(backend.taskDefinitions["shop-dev-worker"]?.last?.spec)
        #expect(worker.containerDefinitions.first?.image == "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/worker@sha256:abc")
        let policy = try #require(backend.policies["arn:aws:iam::123456789012:role/cms|berth-access-points"])
        #expect(policy.contains(backend.accessPoints[0].arn))
    }

    @Test func aChangedImageUpdatesOnlyThatService() async throws {
        let (backend, site) = try prepared()
        _ = try await reconciler(backend, site: site, apply: true).run()
        var changed = site
        changed.services[0].image = "nginx:1.28"
        backend.resetWrites()
        let plan = try await reconciler(backend, site: changed, apply: true).run()
        #expect(
            plan.changes.map { "\($0.kind.rawValue) \($0.resource.rawValue) \($0.name)" } == [
                "update task-definition shop-dev-web", "update service web",
            ])
        #expect(backend.services["web"]?.taskDefinition.hasSuffix("shop-dev-web:2") == true)
    }

    @Test func anUnchangedSecretIsNotRewrittenAndAChangedOneIs() async throws {
        let (backend, site) = try prepared()
        _ = try await reconciler(backend, site: site, apply: true).run()
        backend.resetWrites()
        _ = try await reconciler(backend, site: site, apply: true, environment: ["DB_PASSWORD": "new"]).run()
        #expect(backend.writes.first == "put berth/shop/dev/db-password")
    }

    @Test func aRemovedServiceIsDeletedWithItsTaskDefinitions() async throws {
        let (backend, site) = try prepared()
        _ = try await reconciler(backend, site: site, apply: true).run()
        var smaller = site
        smaller.services.removeAll { $0.name == "worker" }
        let plan = try await reconciler(backend, site: smaller, apply: true).run()
        #expect(plan.changes.contains(PlannedAction(.delete, .service, "worker", "no longer in the compose file")))
        #expect(backend.services["worker"]?.status == .inactive)
        #expect(backend.taskDefinitions["shop-dev-worker"]?.isEmpty == true)
    }

    @Test func aFailedRolloutExplainsItself() async throws {
        let (backend, site) = try prepared()
        backend.failNextRollout = ["cms"]
        do {
            _ = try await reconciler(backend, site: site, apply: true).run()
            Issue.record("expected the rollout to fail")
        } catch let error as DeployError {
            #expect(error.message.contains("service cms: the deployment failed and was rolled back"))
            #expect(error.message.contains("Essential container in task exited"))
            #expect(error.message.contains("exit code 1"))
            #expect(error.message.contains("cannot connect to cms:1337"))
        }
    }

    @Test func theAutoscalerOwnsTheCountAfterCreation() async throws {
        let (backend, site) = try prepared()
        _ = try await reconciler(backend, site: site, apply: true).run()
        backend.services["worker"]?.desiredCount = 3
        backend.resetWrites()
        let plan = try await reconciler(backend, site: site, apply: true).run()
        #expect(plan.changes.isEmpty)
    }
}

/// `x-berth` `task`: services that run as containers of one task definition and one ECS service.
struct GroupedServicesReconcilerTests {
    static let compose = """
        name: shop
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
            volumes: [content:/usr/share/nginx/html]
            depends_on:
              api: { condition: service_healthy }
              migrate: { condition: service_completed_successfully }
            x-berth: { task: app }
          api:
            image: shop/api:1.0
            expose: ["8080"]
            volumes: [content:/srv/content]
            healthcheck: { test: ["CMD", "true"] }
            x-berth: { task: app, cpus: 0.5, memory: 1G, replicas: 2 }
          migrate:
            image: shop/api:1.0
            command: ["migrate"]
            x-berth: { task: app }
        volumes:
          content: {}
        """

    static let target = SiteTarget(
        stackName: "shop-dev", region: "us-east-1", accountId: "123456789012", cluster: "shop-dev", subnets: ["subnet-a"],
        servicesSecurityGroup: "sg-1", logGroup: "/berth/shop/dev", executionRoleArn: "arn:aws:iam::123456789012:role/exec",
        namespace: "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1", fileSystems: ["content": "fs-1"],
        taskRoles: ["app": "arn:aws:iam::123456789012:role/app"],
        targetGroups: ["web:80": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1"])

    @Test func oneTaskDefinitionWithAContainerPerMemberAndOneService() async throws {
        let site = try ServicesReconcilerTests.site(Self.compose)
        let backend = InMemoryServicesBackend()
        let reconciler = ServicesReconciler(
            backend: backend, site: site, target: Self.target, names: Names(project: "shop", environment: "dev"),
            content: ContentReader(processEnvironment: [:]),
            options: .init(
                apply: true, services: ["migrate"], waiter: Waiter(minDelay: 0.001, maxDelay: 0.001, timeout: 10, sleeper: RecordingSleeper())))
        let plan = try await reconciler.run()

        #expect(backend.taskDefinitions.keys.sorted() == ["shop-dev-app"])
        let spec = try #require(backend.taskDefinitions["shop-dev-app"]?.last?.spec)
        #expect(spec.containerDefinitions.map(\.name) == ["web", "api", "migrate"])
        // 0.25 + 0.5 + 0.25 vCPU and 0.5 + 1 + 0.5 GiB.
        #expect(spec.cpu == "1024" && spec.memory == "2048")
        #expect(spec.taskRoleArn == "arn:aws:iam::123456789012:role/app")
        let web = spec.containerDefinitions[0]
        #expect(web.dependsOn == [.init(containerName: "api", condition: "HEALTHY"), .init(containerName: "migrate", condition: "SUCCESS")])
        #expect(web.essential == true)
        #expect(spec.containerDefinitions[2].essential == false)
        #expect(web.logConfiguration?.options?["awslogs-stream-prefix"] == "web")
        #expect(spec.containerDefinitions[1].logConfiguration?.options?["awslogs-stream-prefix"] == "api")
        // Each member mounts through its own access point.
        #expect(spec.volumes?.map(\.name) == ["vol-web-content", "vol-api-content"])

        #expect(backend.services.keys.sorted() == ["app"])
        let service = try #require(backend.services["app"])
        #expect(service.desiredCount == 2)
        #expect(plan.changes.contains(PlannedAction(.create, .service, "app", "2 × 1 vCPU / 2 GiB")))
        #expect(backend.accessPoints.count == 2)
        #expect(backend.policies.keys.sorted() == ["arn:aws:iam::123456789012:role/app|berth-access-points"])
        let policy = try #require(backend.policies["arn:aws:iam::123456789012:role/app|berth-access-points"])
        for point in backend.accessPoints { #expect(policy.contains(point.arn)) }
    }

    @Test func theServiceSpecTargetsTheMemberAndRegistersEveryMemberInServiceConnect() throws {
        let site = try ServicesReconcilerTests.site(Self.compose)
        let builder = DesiredStateBuilder(
            site: site, target: Self.target, names: Names(project: "shop", environment: "dev"), content: ContentReader(processEnvironment: [:]))
        let spec = try builder.serviceSpec(#require(site.task(named: "app")), taskDefinition: "shop-dev-app:1")
        #expect(spec.serviceName == "app")
        #expect(spec.loadBalancers?.map(\.containerName) == ["web"])
        #expect(spec.serviceConnectConfiguration?.services?.map { $0.clientAliases?.first?.dnsName } == ["web", "api"])
    }

    @Test func membersWithConfigFilesGetTheirOwnInitContainersAndVolumes() throws {
        let compose = """
            name: shop
            services:
              web:
                image: nginx:1.27
                configs: [{source: site, target: /etc/nginx/conf.d/site.conf}]
                x-berth: { task: app }
              api:
                image: shop/api:1.0
                configs: [{source: site, target: /srv/site.conf}]
                x-berth: { task: app }
            configs:
              site:
                content: "server {}"
            """
        let site = try ServicesReconcilerTests.site(compose)
        let builder = DesiredStateBuilder(
            site: site, target: Self.target, names: Names(project: "shop", environment: "dev"), content: ContentReader(processEnvironment: [:]))
        let spec = try builder.taskDefinition(try #require(site.task(named: "app")), resolved: .init())
        #expect(spec.containerDefinitions.map(\.name) == ["berth-files-web", "web", "berth-files-api", "api"])
        #expect(spec.volumes?.map(\.name) == ["files-web-0", "files-api-0"])
        #expect(spec.containerDefinitions[1].dependsOn == [.init(containerName: "berth-files-web", condition: "SUCCESS")])
        #expect(spec.containerDefinitions[2].mountPoints?.map(\.sourceVolume) == ["files-api-0"])
    }

    @Test func groupingServicesRemovesTheirOldECSServices() async throws {
        let ungrouped = Self.compose.replacingOccurrences(
            of: "x-berth: { task: app, cpus: 0.5, memory: 1G, replicas: 2 }", with: "x-berth: { cpus: 0.5 }"
        )
        .replacingOccurrences(of: "x-berth: { task: app }", with: "x-berth: {}")
        let backend = InMemoryServicesBackend()
        func run(_ compose: String) async throws -> ServicesPlan {
            var target = Self.target
            target.taskRoles = ["app": "arn:aws:iam::123456789012:role/app", "web": "r", "api": "r", "migrate": "r"]
            return try await ServicesReconciler(
                backend: backend, site: try ServicesReconcilerTests.site(compose), target: target, names: Names(project: "shop", environment: "dev"),
                content: ContentReader(processEnvironment: [:]),
                options: .init(apply: true, waiter: Waiter(minDelay: 0.001, maxDelay: 0.001, timeout: 10, sleeper: RecordingSleeper()))
            ).run()
        }
        _ = try await run(ungrouped)
        #expect(backend.services.keys.sorted() == ["api", "migrate", "web"])
        let plan = try await run(Self.compose)
        #expect(backend.services.filter { $0.value.status == .active }.keys.sorted() == ["app"])
        #expect(plan.changes.contains(PlannedAction(.delete, .service, "web", "no longer in the compose file")))
    }
}
