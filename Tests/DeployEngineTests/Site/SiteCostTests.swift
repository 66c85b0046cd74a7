import ComposeModel
import Foundation
import StackTemplates
import Testing

@testable import DeployEngine

struct SiteCostTests {
    /// prod runs in private subnets: the NAT gateway and its address count, the tasks hold none.
    @Test func aPlannedEnvironmentCountsItsTasksLoadBalancerAndNAT() throws {
        let options = ComposeLoadOptions(
            files: [], workingDirectory: "/p", projectName: nil, envFiles: [], processEnvironment: [:], profiles: [],
            fileSystem: InMemoryFileSystem(
                files: [
                    "/p/compose.yaml": """
                    name: shop
                    services:
                      web: {image: nginx, ports: ["80:80"], x-berth: {cpu: 512, memory: 1G, replicas: 2}}
                    x-berth:
                      environments:
                        dev: {}
                        prod: {private_subnets: true}
                    """
                ]))
        let site = try #require(ComposeLoader.load(options).site)
        let prod = try site.resolved(environmentName: "prod")
        let cost = SiteCost.planned(site: prod, input: InfraStackInput(site: prod, environmentName: "prod"))
        let fargate = 730 * (0.5 * 0.04048 + 1 * 0.004445) * 2
        #expect(abs(cost.total - (fargate + 730 * 0.0225 + 730 * 0.045 + 730 * 0.005 * 3)) < 0.001, "\(cost.lines)")
        let dev = try site.resolved(environmentName: "dev")
        let inPublic = SiteCost.planned(site: dev, input: InfraStackInput(site: dev, environmentName: "dev"))
        #expect(abs(inPublic.total - (fargate + 730 * 0.0225 + 730 * 0.005 * 4)) < 0.001, "\(inPublic.lines)")
        #expect(CostChange(before: 10, after: 12.5).text.hasPrefix("about $12.50 a month (now $10.00: +$2.50)"))
    }
}
