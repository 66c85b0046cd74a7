import ComposeModel

extension InfraStackInput {
    /// The addresses that answer, from the stack's load balancer outputs: one per published port,
    /// as a visitor types it. A published 80 is the site's plain `http://` address; another
    /// port keeps its number (the load balancer listens on the port the compose file publishes);
    /// with a certificate, HTTPS on 443 serves and 80 redirects to it. Network listeners are
    /// `host:port`.
    package func addresses(outputs: [String: String]) -> [String] {
        var addresses: [String] = []
        if let dns = outputs[.loadBalancerDNS] {
            for (_, listener) in httpListeners {
                if listener.certificate != nil {
                    addresses.append("https://\(dns)")
                } else {
                    addresses.append(listener.publishedPort == 80 ? "http://\(dns)" : "http://\(dns):\(listener.publishedPort)")
                }
            }
        }
        if let dns = outputs[.networkLoadBalancerDNS] {
            addresses += networkListeners.map { "\(dns):\($0.listener.publishedPort)" }
        }
        return addresses.uniqued()
    }
}
