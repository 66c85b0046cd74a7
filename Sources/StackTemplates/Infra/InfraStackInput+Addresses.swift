import ComposeModel

extension InfraStackInput {
    /// The addresses that answer, from the stack's load balancer outputs: one per published port,
    /// as a visitor types it. A published 80 is the site's plain `http://` address; another
    /// port keeps its number (the load balancer listens on the port the compose file publishes);
    /// with a certificate, HTTPS on 443 serves and 80 redirects to it. Network listeners are
    /// `host:port`.
    package func addresses(outputs: [String: String]) -> [String] {
        serviceAddresses(outputs: outputs).map(\.address).uniqued()
    }

    /// Each address with the service that answers there, in the compose file's order: as the
    /// stack recorded them (its `Addresses` output knows the domains and certificates the deploy
    /// resolved), or, for a stack from before that output, from its load balancers' names.
    package func serviceAddresses(outputs: [String: String]) -> [(service: String, address: String)] {
        if let recorded = outputs[.addresses] { return Self.parseAddresses(recorded) }
        return serviceAddresses(loadBalancer: outputs[.loadBalancerDNS], networkLoadBalancer: outputs[.networkLoadBalancerDNS])
    }

    /// `service=address` pairs, space-separated: what the `Addresses` output holds.
    static func formatAddresses(_ addresses: [(service: String, address: String)]) -> String {
        addresses.map { "\($0.service)=\($0.address)" }.joined(separator: " ")
    }

    static func parseAddresses(_ text: String) -> [(service: String, address: String)] {
        text.split(separator: " ").compactMap { pair -> (service: String, address: String)? in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
    }

    /// The addresses given the load balancers' DNS names (or, for the template, `${…}` references).
    func serviceAddresses(loadBalancer: String?, networkLoadBalancer: String?) -> [(service: String, address: String)] {
        var addresses: [(service: String, address: String)] = []
        if let dns = loadBalancer {
            for (service, listener) in httpListeners {
                // The stack's alias record makes the domain the address; otherwise the team's DNS
                // may not point there yet, and the load balancer's name always answers.
                let host = service.hasAliasRecord && existingLoadBalancer == nil ? service.domain?.name ?? dns : dns
                if listener.certificate != nil {
                    addresses.append((service.name, "https://\(host)"))
                } else {
                    addresses.append((service.name, listener.publishedPort == 80 ? "http://\(host)" : "http://\(host):\(listener.publishedPort)"))
                }
            }
        }
        if let dns = networkLoadBalancer {
            addresses += networkListeners.map { ($0.service.name, "\(dns):\($0.listener.publishedPort)") }
        }
        var seen = Set<String>()
        return addresses.filter { seen.insert($0.address).inserted }
    }
}
