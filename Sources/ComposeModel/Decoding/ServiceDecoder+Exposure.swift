/// Which published ports face the internet. Compose publishes a port on the developer's machine;
/// on Fargate a published port becomes a listener on an internet-facing load balancer, so two
/// kinds of published port stay inside the site instead (reachable by the other services under
/// the service's name), each with a note that says so:
/// - a port bound to a loopback address (`127.0.0.1:8080:80`), which says "not public" already;
/// - a well-known database port (`5432:5432`), a local convenience for a database client, unless
///   the service lists it in `x-berth.public_ports`.
extension ServiceDecoder {
    /// Container ports of databases, caches and brokers whose clients speak their own protocol.
    static let databasePorts: [Int: String] = [
        1433: "SQL Server", 1521: "Oracle", 3306: "MySQL/MariaDB", 5432: "PostgreSQL", 5672: "AMQP", 5984: "CouchDB",
        6379: "Redis", 7687: "Neo4j", 8529: "ArangoDB", 9042: "Cassandra", 9200: "Elasticsearch", 9300: "Elasticsearch",
        11211: "Memcached", 26257: "CockroachDB", 27017: "MongoDB", 28015: "RethinkDB",
    ]

    static func isLoopback(_ host: String) -> Bool {
        let bare = String(host.drop { $0 == "[" }.prefix { $0 != "]" })
        return bare == "::1" || bare == "localhost" || bare.hasPrefix("127.")
    }

    func keepingPrivatePortsInside(_ service: inout Service) {
        let path = "services".appendingKey(service.name)
        for index in service.ports.indices {
            let port = service.ports[index]
            guard let published = port.published else { continue }
            let portPath = "\(path).ports[\(index)]"
            if let host = port.hostIP, Self.isLoopback(host) {
                service.ports[index].published = nil
                diagnostics.add(
                    .note(
                        at: port.location, path: portPath,
                        "\(host):\(published) is bound to loopback, so port \(port.target) stays inside the site (reachable as \(service.name):\(port.target)), not on the load balancer",
                        hint: "drop the address to publish it on the internet"))
            } else if port.servesItsOwnTLS {
                diagnostics.add(
                    .note(
                        at: port.location, path: portPath,
                        "port \(published) reaches the container's own TLS on \(port.target), so Berth passes it through a network load balancer (TCP)",
                        hint: "to let the load balancer terminate HTTPS instead, publish the container's HTTP port with x-berth certificate"))
            } else if let database = Self.databasePorts[port.target], !service.berth.publicPorts.contains(port.target) {
                service.ports[index].published = nil
                diagnostics.add(
                    .warning(
                        at: port.location, path: portPath,
                        "port \(published) is \(database)'s: it stays inside the site (reachable as \(service.name):\(port.target)), not on the internet",
                        hint: "to publish it on the internet anyway, add `x-berth: {public_ports: [\(port.target)]}` to the service"))
            }
        }
    }
}
