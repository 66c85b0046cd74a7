import AWSRuntime
import BerthTesting
import ComposeModel
import Foundation
import StackTemplates
import Testing

@testable import DeployEngine

/// The existing load balancer's security group, looked up before the stack (issue 10, item 8).
struct NetworkLookupTests {
    static let arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shared/1234567890abcdef"

    func input() throws -> InfraStackInput {
        let compose = "name: shop\nx-aws-loadbalancer: \(Self.arn)\nservices:\n  web:\n    image: nginx\n    ports: [\"80:8080\"]\n"
        let result = ComposeLoader.load(
            ComposeLoadOptions(
                files: [], workingDirectory: "/p", projectName: nil, envFiles: [], processEnvironment: [:], profiles: [],
                fileSystem: InMemoryFileSystem(files: ["/p/compose.yaml": compose])))
        let site = try #require(result.site)
        return InfraStackInput(site: try site.resolved(environmentName: nil), environmentName: "dev")
    }

    static func answer(_ groups: String) -> FakeTransport {
        FakeTransport { request, _ in
            let body = String(decoding: request.body, as: UTF8.self)
            #expect(body.contains("Action=DescribeLoadBalancers"))
            #expect(body.contains("LoadBalancerArns.member.1="))
            return FakeTransport.xml(
                200,
                """
                <DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers><member>\
                <LoadBalancerArn>\(arn)</LoadBalancerArn><Type>application</Type><SecurityGroups>\(groups)</SecurityGroups>\
                </member></LoadBalancers></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>
                """)
        }
    }

    @Test func theLoadBalancersSecurityGroupBecomesAParameter() async throws {
        let lookup = NetworkLookup(client: AWSClient.forTesting(transport: Self.answer("<member>sg-2</member><member>sg-1</member>")))
        #expect(try await lookup.parameters(for: try input()) == [InfraStack.loadBalancerSecurityGroupParameter: "sg-1"])
    }

    @Test func aLoadBalancerWithoutASecurityGroupIsRefused() async throws {
        let lookup = NetworkLookup(client: AWSClient.forTesting(transport: Self.answer("")))
        await #expect {
            _ = try await lookup.parameters(for: try input())
        } throws: {
            ($0 as? DeployError)?.message.contains("has no security group") == true
        }
    }
}
