import AWSServices
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// `berth status` for the person on call (issue 13): counts, size, use, digests, alarms, the
/// last events of a service that is not as desired, addresses and the monthly estimate.
struct SiteStatusTests {
    @Test func statusShowsWhatTheServicesRunAndWhatTheyCost() async throws {
        let input = InfraStackInput(site: try SiteDeployerTests.Fixture().site, environmentName: "dev")
        let cms = try #require(input.tasks.first { $0.name == "cms" })
        let fixture = try SiteDeployerTests.Fixture(holding: [StackLogicalID.cpuAlarm(task: cms.logicalId): "shop-dev-CmsCpuAlarm-1X2Y"])
        _ = try await fixture.deployed()
        fixture.backend.running = [
            RunningTask(id: "t1", service: "cms", size: FargateSize(cpu: 256, memory: 512), digests: ["cms": "sha256:aa11"]),
            RunningTask(id: "t2", service: "web", size: nil, digests: [:]),
        ]
        fixture.backend.utilizations = ["cms": Utilization(cpu: 12.5, memory: 40)]
        fixture.backend.alarms = [AlarmState(name: "shop-dev-CmsCpuAlarm-1X2Y", state: "ALARM", reason: "Threshold Crossed")]

        let status = try await SiteStatus.read(
            names: fixture.names, site: fixture.site, input: fixture.input, backend: fixture.backend, stacks: fixture.stacks)
        let state = try #require(status.services.first { $0.name == "cms" })
        #expect(state.images == [.init(container: "cms", image: "ghost:5", digest: "sha256:aa11")])
        #expect(state.size == "0.25 vCPU / 0.5 GiB" && state.utilization == Utilization(cpu: 12.5, memory: 40))
        #expect(state.alarms == [AlarmState(name: "shop-dev-CmsCpuAlarm-1X2Y", state: "ALARM", reason: "Threshold Crossed")])
        let web = try #require(status.services.first { $0.name == "web" })
        #expect(web.addresses == ["http://shop-dev-1.us-east-1.elb.amazonaws.com"] && web.images.first?.digest == nil)
        let cost = try #require(status.monthlyCost)
        #expect(cost.lines.map(\.item).contains("1 load balancer"))
        #expect(cost.total > 0)
    }

    @Test func aServiceShortOfItsTasksShowsItsLastEvents() {
        var service = ObservedService(
            name: "cms", arn: "arn", status: .active, taskDefinition: "arn:…/shop-dev-cms:4", desiredCount: 2, runningCount: 1, hash: nil,
            deployments: [], events: (1...5).map { .init(id: "\($0)", message: "event \($0)") })
        service.pendingCount = 1
        let site = try? SiteDeployerTests.Fixture().site
        let status = SiteStatus(stack: "shop-dev", site: try! #require(site), observed: [service], urls: [])
        let cms = status.services.first { $0.name == "cms" }
        #expect(cms?.events == ["event 1", "event 2", "event 3"] && cms?.pending == 1 && cms?.taskDefinition == "shop-dev-cms:4")
    }

    /// One 0.25 vCPU / 0.5 GiB task all month at us-east-1 prices: 730 h × (0.25 × $0.04048 +
    /// 0.5 × $0.004445) = $9.01; a load balancer 730 h × $0.0225 = $16.43; its two addresses and
    /// the task's 3 × 730 h × $0.005 = $10.95; ARM takes 20% off compute.
    @Test func theEstimateIsAWSsListPriceArithmetic() {
        let cost = MonthlyCost(
            tasks: [.init(name: "web", size: .smallest, count: 1, arm: false)], loadBalancers: 1, natGateways: 0, publicAddresses: 3, storageBytes: 0)
        #expect(cost.lines.map { MonthlyCost.dollars($0.dollars) } == ["$9.01", "$16.43", "$10.95"])
        let arm = MonthlyCost(
            tasks: [.init(name: "web", size: .smallest, count: 1, arm: true)], loadBalancers: 0, natGateways: 0, publicAddresses: 0, storageBytes: 0)
        #expect(MonthlyCost.dollars(arm.total) == "$7.21")
    }
}
