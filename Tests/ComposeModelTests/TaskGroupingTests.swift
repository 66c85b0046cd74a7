import ComposeModel
import Foundation
import Testing

/// `x-berth` `task`: compose services that run as containers of one ECS task.
@Suite struct TaskGroupingTests {
    @Test func servicesWithTheSameTaskFormOneTaskInFileOrder() throws {
        let result = TestSupport.load(
            """
            services:
              web:
                image: nginx
                ports: ["80:80"]
                depends_on:
                  migrate: { condition: service_completed_successfully }
                x-berth: { task: app }
              db:
                image: postgres
              migrate:
                image: tool
                x-berth: { task: app, replicas: 2 }
            x-berth:
              environments:
                prod:
                  services:
                    db: { task: app }
            """)
        #expect(result.errors.isEmpty, "\(result.diagnostics)")
        let site = try #require(result.site)
        #expect(site.tasks.map(\.name) == ["app", "db"])
        let app = try #require(site.task(named: "app"))
        #expect(app.memberNames == ["web", "migrate"])
        #expect(!app.isSingle)
        #expect(app.completingMembers == ["migrate"])
        #expect(site.task(named: "db")?.isSingle == true)
        #expect(site.task(containing: "migrate")?.name == "app")
        // The environment's override regroups.
        let prod = try site.resolved(environmentName: "prod")
        #expect(prod.tasks.map(\.name) == ["app"])
        #expect(prod.task(named: "app")?.memberNames == ["web", "db", "migrate"])
        #expect(prod.task(named: "app")?.replicas == 2)
    }

    @Test func summedSizeIsTheSmallestFargateSizeThatFits() throws {
        var web = Service(name: "web", image: "nginx")
        web.fargateSize = FargateSize(cpu: 256, memory: 512)
        var sidecar = Service(name: "sidecar", image: "busybox")
        sidecar.fargateSize = FargateSize(cpu: 512, memory: 1024)
        let task = SiteTask(name: "app", members: [web, sidecar])
        #expect(task.fargateSize == FargateSize(cpu: 1024, memory: 2048))
    }

    @Test func aTaskNamedLikeAServiceOutsideItIsAnError() {
        let result = TestSupport.load(
            """
            services:
              web:
                image: nginx
                x-berth: { task: db }
              db:
                image: postgres
            """)
        #expect(
            result.errorSummaries == [
                "4:22 services.web.x-berth.task: task \"db\" has the name of service \"db\", which is not in it"
            ])
        #expect(result.errors.first?.hint?.contains("name the task differently") == true)
    }

    @Test func membersPublishingTheSameContainerPortIsAnError() {
        let result = TestSupport.load(
            """
            services:
              web:
                image: nginx
                ports: ["80:80"]
                x-berth: { task: app }
              admin:
                image: nginx
                ports: ["8080:80"]
                x-berth: { task: app }
            """)
        #expect(
            result.errorSummaries == [
                "9:22 services.admin.x-berth.task: services \"web\" and \"admin\" of task \"app\" both listen on container port 80/tcp"
            ])
        #expect(result.errors.first?.hint != nil)
    }

    @Test func anEnvironmentOverrideIsValidatedToo() {
        let result = TestSupport.load(
            """
            services:
              web:
                image: nginx
                ports: ["80:80"]
              admin:
                image: nginx
                expose: ["80"]
            x-berth:
              environments:
                prod:
                  services:
                    web: { task: site }
                    admin: { task: site }
            """)
        #expect(
            result.errorSummaries == [
                "13:24 services.admin.x-berth.task: services \"web\" and \"admin\" of task \"site\" both listen on container port 80/tcp"
            ])
    }

    @Test func anInvalidTaskNameIsAnError() {
        let result = TestSupport.load(
            """
            services:
              web:
                image: nginx
                x-berth: { task: "My App" }
            """)
        #expect(result.errorSummaries == ["4:22 services.web.x-berth.task: \"My App\" is not a valid task name"])
    }
}
