import ComposeModel
import Testing

@testable import StackTemplates

/// What CloudFormation must create first, because AWS checks it at run time rather than from
/// references: an internet-facing load balancer needs the internet gateway attached, and a task
/// its subnets' routes (issue 10, item 3).
struct NetworkOrderingTests {
    @Test(arguments: ["dev", "prod"])
    func internetFacingLoadBalancersWaitForTheInternetGateway(_ environment: String) throws {
        let input = InfraStackInput(site: try Fixtures.exampleSite(environment), environmentName: environment)
        let template = InfraStack(input).template()
        let balancers = template.resources.filter { $0.type == "AWS::ElasticLoadBalancingV2::LoadBalancer" }
        #expect(!balancers.isEmpty)
        for balancer in balancers {
            #expect(balancer.dependsOn.contains("InternetGatewayAttachment"), "\(balancer.logicalId)")
        }
    }

    @Test func tasksWaitForTheRoutesOfTheSubnetsTheyRunIn() throws {
        let dev = InfraStack(InfraStackInput(site: try Fixtures.exampleSite("dev"), environmentName: "dev"))
        #expect(dev.taskRoutes == ["PublicDefaultRoute", "PublicSubnetARouteTable", "PublicSubnetBRouteTable"])
        let prod = InfraStack(InfraStackInput(site: try Fixtures.exampleSite("prod"), environmentName: "prod"))
        #expect(prod.taskRoutes == ["PrivateDefaultRoute", "PrivateSubnetARouteTable", "PrivateSubnetBRouteTable"])
        for stack in [dev, prod] {
            let template = stack.template()
            for id in stack.taskRoutes { #expect(template.resource(id) != nil, "\(id)") }
        }
        var existing = InfraStackInput(site: try Fixtures.exampleSite("dev"), environmentName: "dev")
        existing.existingVPC = "vpc-123"
        #expect(InfraStack(existing).taskRoutes.isEmpty)
        let balancer = InfraStack(existing).template().resources.first { $0.type == "AWS::ElasticLoadBalancingV2::LoadBalancer" }
        #expect(balancer?.dependsOn.isEmpty == true)
    }
}
