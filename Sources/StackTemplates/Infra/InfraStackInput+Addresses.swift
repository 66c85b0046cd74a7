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

    /// Each address with the service that answers there, in the compose file's order.
    package func serviceAddresses(outputs: [String: String]) -> [(service: String, address: String)] {
        var addresses: [(service: String, address: String)] = []
        if let dns = outputs[.loadBalancerDNS] {
            for (service, listener) in httpListeners {
                if listener.certificate != nil {
                    addresses.append((service.name, "https://\(dns)"))
                } else {
                    addresses.append((service.name, listener.publishedPort == 80 ? "http://\(dns)" : "http://\(dns):\(listener.publishedPort)"))
                }
            }
        }
        if let dns = outputs[.networkLoadBalancerDNS] {
            addresses += networkListeners.map { ($0.service.name, "\(dns):\($0.listener.publishedPort)") }
        }
        var seen = Set<String>()
        return addresses.filter { seen.insert($0.address).inserted }
    }
}
