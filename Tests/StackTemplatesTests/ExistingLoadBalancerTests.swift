import Testing

@testable import StackTemplates

/// With `x-aws-loadbalancer`, the services take traffic on their container ports from that load
/// balancer's security group only, never from anywhere: tasks with public IPs would otherwise be
/// reachable around it (issue 10, item 8).
struct ExistingLoadBalancerTests {
    @Test func servicesAllowOnlyTheExistingLoadBalancersGroup() throws {
        let compose = """
            name: shop
            x-aws-vpc: vpc-0abc
            x-aws-loadbalancer: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shared/1234567890abcdef
            services:
              web:
                image: nginx
                ports: ["80:8080"]
            """
        let site = try Fixtures.load(directory: "/p", environment: nil, inMemory: ["/p/compose.yaml": compose])
        let template = InfraStack(InfraStackInput(site: site, environmentName: "dev")).template()
        #expect(template.parameters.contains { $0.0 == InfraStack.loadBalancerSecurityGroupParameter })
        let ingress = template.resources.filter { $0.logicalId.hasPrefix("ServicesIngressFromLoadBalancer") }
        #expect(ingress.count == 1)
        for rule in ingress {
            #expect(rule.properties["SourceSecurityGroupId"] == .ref(InfraStack.loadBalancerSecurityGroupParameter))
            #expect(rule.properties["CidrIp"] == nil)
            #expect(rule.properties["FromPort"] == 8080)
        }
        #expect(!template.resources.contains { $0.type == "AWS::ElasticLoadBalancingV2::LoadBalancer" })
    }
}
