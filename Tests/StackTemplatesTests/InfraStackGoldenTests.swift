import ComposeModel
import Foundation
import StackTemplates
import Testing

struct InfraStackGoldenTests {
    @Test(arguments: ["dev", "prod"])
    func exampleSite(_ environment: String) throws {
        let site = try Fixtures.exampleSite(environment)
        let yaml = InfraStack(InfraStackInput(site: site, environmentName: environment)).render()
        try assertGolden(yaml, named: "example-site-\(environment).infra.yaml")
    }

    @Test func sameInputSameBytes() throws {
        let site = try Fixtures.exampleSite("prod")
        let first = InfraStack(InfraStackInput(site: site, environmentName: "prod")).render()
        let again = InfraStack(InfraStackInput(site: try Fixtures.exampleSite("prod"), environmentName: "prod")).render()
        #expect(first == again)
    }

    @Test func existingNetworkClusterAndVolume() throws {
        let compose = """
            name: shop
            x-aws-vpc: vpc-0123456789abcdef0
            x-aws-cluster: shared-cluster
            services:
              app:
                image: nginx
                ports: ["8080:80"]
                volumes: [media:/media]
              worker:
                image: busybox
                ports: ["7000:7000"]
            volumes:
              media:
                external: true
                name: fs-0123abcd
            """
        let site = try Fixtures.load(directory: "/p", environment: nil, inMemory: ["/p/compose.yaml": compose])
        try assertGolden(InfraStack(InfraStackInput(site: site, environmentName: "staging")).render(), named: "existing-network.infra.yaml")
    }
}
