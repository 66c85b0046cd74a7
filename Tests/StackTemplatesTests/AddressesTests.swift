import ComposeModel
import StackTemplates
import Testing

/// What deploy and status print must be the address that answers (issue 11, item 5).
struct AddressesTests {
    static func addresses(_ compose: String, outputs: [String: String]) throws -> [String] {
        let site = try Fixtures.load(directory: "/p", environment: nil, inMemory: ["/p/compose.yaml": compose])
        return InfraStackInput(site: site, environmentName: "e").addresses(outputs: outputs)
    }

    @Test func eachPublishedPortIsAnAddressAsAVisitorTypesIt() throws {
        let outputs = ["LoadBalancerDNS": "site-1.elb.amazonaws.com", "NetworkLoadBalancerDNS": "site-2.elb.amazonaws.com"]
        #expect(
            try Self.addresses("services:\n  web: {image: x, ports: [\"8080:80\"]}\n", outputs: outputs) == ["http://site-1.elb.amazonaws.com:8080"])
        #expect(try Self.addresses("services:\n  web: {image: x, ports: [\"80:3000\"]}\n", outputs: outputs) == ["http://site-1.elb.amazonaws.com"])
        #expect(
            try Self.addresses(
                "services:\n  mail: {image: x, ports: [\"25:25\"], x-aws-protocol: tcp}\n  web: {image: x, ports: [\"80:80\"]}\n", outputs: outputs
            )
            .contains("http://site-1.elb.amazonaws.com"))
        #expect(try Self.addresses("services:\n  web: {image: x, expose: [\"80\"]}\n", outputs: [:]).isEmpty)
    }

    @Test func aCertificateMakesTheAddressHTTPS() throws {
        let compose = """
            services:
              web:
                image: x
                ports: ["80:80"]
                x-berth: {certificate: "arn:aws:acm:eu-west-1:123456789012:certificate/x"}
            x-berth: {region: eu-west-1}
            """
        #expect(try Self.addresses(compose, outputs: ["LoadBalancerDNS": "a.elb.amazonaws.com"]) == ["https://a.elb.amazonaws.com"])
    }
}

extension AddressesTests {
    /// A published 443 served by Caddy or Traefik is passed through, not spoken to in plain HTTP
    /// (issue 11, item 6).
    @Test func aContainersOwnTLSIsPassedThrough() throws {
        let compose = "services:\n  caddy: {image: caddy:2, ports: [\"80:80\", \"443:443\"]}\n"
        let site = try Fixtures.load(directory: "/p", environment: nil, inMemory: ["/p/compose.yaml": compose])
        let listeners = InfraStackInput(site: site, environmentName: "e").services[0].listeners
        #expect(listeners.map(\.kind) == [.http, .tcp])
        let outputs = ["LoadBalancerDNS": "a.elb.amazonaws.com", "NetworkLoadBalancerDNS": "n.elb.amazonaws.com"]
        #expect(
            InfraStackInput(site: site, environmentName: "e").addresses(outputs: outputs) == [
                "http://a.elb.amazonaws.com", "n.elb.amazonaws.com:443",
            ])
    }
}
