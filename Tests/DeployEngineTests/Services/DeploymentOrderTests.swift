import AWSRuntime
import AWSServices
import BerthTesting
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// `depends_on` orders the services' creation (issue 10, item 4): ECS gives a Service Connect
/// endpoint only to tasks started after it exists, so a site created before its CMS's service
/// could never reach it until redeployed.
struct DeploymentOrderTests {
    static let compose = """
        name: shop
        services:
          proxy:
            image: nginx:1.27
            ports: ["80:80"]
            depends_on: [site]
          site:
            image: node:22
            expose: ["3000"]
            depends_on:
              cms: { condition: service_healthy }
          cms:
            image: ghost:5
            expose: ["2368"]
            healthcheck: { test: ["CMD", "true"] }
        """

    @Test func servicesAreCreatedAfterWhatTheyDependOnAndAfterItIsStableWhenHealthyIsAsked() async throws {
        let site = try ServicesReconcilerTests.site(Self.compose)
        #expect(site.taskWaves(site.tasks).map { $0.map(\.name) } == [["cms"], ["site"], ["proxy"]])
        let backend = InMemoryServicesBackend()
        let log = Recorded<String>()
        let reconciler = ServicesReconciler(
            backend: backend, site: site, target: ServicesReconcilerTests.target, names: Names(project: "shop", environment: "dev"),
            content: ContentReader(processEnvironment: [:], fileSystem: ServicesReconcilerTests.files(Self.compose)),
            options: .init(apply: true, waiter: Waiter(minDelay: 0.001, maxDelay: 0.001, timeout: 10, sleeper: RecordingSleeper())),
            progress: { event in
                switch event {
                case .action(let action, _) where action.resource == .service: log.append("\(action.kind.rawValue) \(action.name)")
                case .rollout(let service, _, _, let state) where state == .completed: log.append("stable \(service)")
                default: break
                }
            })
        _ = try await reconciler.run()
        let order = log.all
        // cms is stable before site is created (service_healthy); proxy only needs site to exist.
        #expect(Array(order.prefix(3)) == ["create cms", "stable cms", "create site"], "\(order)")
        let created = order.filter { $0.hasPrefix("create ") }
        #expect(created == ["create cms", "create site", "create proxy"])
        #expect(backend.writes.filter { $0.hasPrefix("create service") } == ["create service cms", "create service site", "create service proxy"])
    }

    @Test func dependenciesInsideOneTaskAreTheContainersOwnAndDoNotMakeWaves() throws {
        let site = try ServicesReconcilerTests.site(GroupedServicesReconcilerTests.compose)
        #expect(site.taskWaves(site.tasks).map { $0.map(\.name) } == [["app"]])
        #expect(site.taskDependencies(of: site.tasks[0]).isEmpty)
    }
}
