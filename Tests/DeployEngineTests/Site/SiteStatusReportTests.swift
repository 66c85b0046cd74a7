import ComposeModel
import DeployEngine
import Foundation
import Testing

/// `berth status`'s report, from what the in-memory backend observes after a deploy: the same
/// code the command runs against AWS.
extension ServicesReconcilerTests {
    @Test func statusReportsEachTaskAfterADeployAndOnlyReads() async throws {
        let (backend, site) = try prepared()
        let before = SiteStatus(
            stack: "shop-dev", site: site, observed: try await backend.services(cluster: "shop-dev", names: ["web", "cms", "worker"]),
            urls: [])
        #expect(before.services.map(\.status) == ["not deployed", "not deployed", "not deployed"])
        #expect(before.services.map(\.taskDefinition) == ["-", "-", "-"])

        _ = try await reconciler(backend, site: site, apply: true).run()
        backend.resetWrites()
        let observed = try await backend.services(cluster: "shop-dev", names: site.tasks.map(\.name))
        let status = SiteStatus(stack: "shop-dev", site: site, observed: observed, urls: ["http://shop-dev-1.elb.amazonaws.com"])
        #expect(backend.writeCount == 0)
        #expect(status.deployed)
        #expect(status.url == "http://shop-dev-1.elb.amazonaws.com")
        #expect(status.services.map(\.name) == ["web", "cms", "worker"])
        #expect(status.services.allSatisfy { $0.status == "active" && $0.running == 1 && $0.desired == 1 && $0.rollout == "completed" })
        #expect(status.services.map(\.taskDefinition) == ["shop-dev-web:1", "shop-dev-cms:1", "shop-dev-worker:1"])
        #expect(status.services.allSatisfy { $0.containers == nil })
    }

    @Test func aSiteThatIsNotDeployedSaysSo() throws {
        let status = SiteStatus.notDeployed(stack: "shop-dev")
        #expect(!status.deployed && status.services.isEmpty && status.url == nil)
        let json = String(decoding: try JSONEncoder().encode(status), as: UTF8.self)
        #expect(json.contains(#""deployed":false"#) && !json.contains(#""url":"#) && json.contains(#""urls":[]"#))
    }
}
