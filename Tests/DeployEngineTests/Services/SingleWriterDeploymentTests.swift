import AWSServices
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// A one-replica service that writes a named volume (Ghost with SQLite, any database) is its
/// only writer: deploying it 100% / 200% runs the old and the new task against the same files.
/// It deploys stop-first unless the compose file says otherwise (issue 10, item 7).
struct SingleWriterDeploymentTests {
    static func deployment(_ service: String) throws -> (minimum: Int?, maximum: Int?) {
        let compose = """
            name: shop
            services:
              cms:
                image: ghost:5
                volumes: [content:/var/lib/ghost/content]
              reader:
                image: nginx
                volumes: ["content:/usr/share/nginx/html:ro"]
              pair:
                image: ghost:5
                volumes: [content:/data]
                deploy: {replicas: 2}
              tuned:
                image: ghost:5
                volumes: [content:/data]
                deploy: {update_config: {x-aws-min_percent: 50, x-aws-max_percent: 150}}
            volumes:
              content: {}
            """
        let site = try ServicesReconcilerTests.site(compose)
        let builder = DesiredStateBuilder(
            site: site, target: ServicesReconcilerTests.target, names: Names(project: "shop", environment: "dev"),
            content: ContentReader(processEnvironment: [:]))
        let spec = try builder.serviceSpec(try #require(site.task(named: service)), taskDefinition: "shop-dev-\(service):1")
        return (spec.deploymentConfiguration?.minimumHealthyPercent, spec.deploymentConfiguration?.maximumPercent)
    }

    @Test(arguments: [
        ("cms", 0, 100), ("reader", 100, 200), ("pair", 100, 200), ("tuned", 50, 150),
    ])
    func deploymentPercentages(service: String, minimum: Int, maximum: Int) throws {
        let deployment = try Self.deployment(service)
        #expect(deployment.minimum == minimum && deployment.maximum == maximum)
    }

    /// `plan` says what stop-first means before it happens.
    @Test func planShowsTheShortDowntime() async throws {
        let tests = ServicesReconcilerTests()
        let (backend, site) = try tests.prepared()
        _ = try await tests.reconciler(backend, site: site, apply: true).run()
        let changed = try ServicesReconcilerTests.site(ServicesReconcilerTests.compose.replacingOccurrences(of: "ghost:5", with: "ghost:5.1"))
        let plan = try await tests.reconciler(backend, site: changed, apply: false).run()
        let cms = try #require(plan.changes.first { $0.resource == .service && $0.name == "cms" }, "\(plan.actions)")
        #expect(cms.reason.contains("the old task stops before the new one starts, as the only writer of content: a short downtime"), "\(cms.reason)")
    }
}
