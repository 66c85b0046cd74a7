/// `ports` in short (`"8080:80/tcp"`) and long (`{target: 80, published: 8080}`) syntax.
extension ServiceDecoder {
    static let portKeys: Set<String> = ["name", "mode", "host_ip", "target", "published", "protocol", "app_protocol", "x-aws-protocol"]

    func decodePorts(_ node: LocatedNode, _ path: String) -> [PortMapping] {
        guard let items = reader.list(node, path) else { return [] }
        var ports: [PortMapping] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            if let entries = item.entries {
                if let port = decodeLongPort(item, entries, itemPath) { ports.append(port) }
                continue
            }
            guard let text = reader.string(item, itemPath) else { continue }
            do {
                ports += try PortSyntax.parse(text).map {
                    var port = $0
                    port.location = item.location
                    return port
                }
            } catch {
                diagnostics.error(
                    item, itemPath, error.message, hint: "use [HOST:]CONTAINER[/PROTOCOL], e.g. \"8080:80\" or \"53:53/udp\"")
            }
        }
        return ports
    }

    private func decodeLongPort(_ node: LocatedNode, _ entries: [LocatedNode.Entry], _ path: String) -> PortMapping? {
        reader.checkKeys(entries, path, known: Self.portKeys)
        guard let targetNode = node["target"] else {
            diagnostics.error(node, path, "a port in long syntax needs a `target`", hint: "e.g. `target: 80`")
            return nil
        }
        guard let target = reader.int(targetNode, path.appendingKey("target"), minimum: 1, maximum: 65535) else { return nil }
        var port = PortMapping(target: target, location: node.location)
        if let published = node["published"], !published.isNull, let text = reader.string(published, path.appendingKey("published")) {
            do {
                port.published = try PortSyntax.range(text, in: text).first
            } catch {
                diagnostics.error(published, path.appendingKey("published"), error.message)
            }
        }
        port.hostIP = node["host_ip"].flatMap { reader.string($0, path.appendingKey("host_ip")) }
        if let protocolNode = node["protocol"], let name = reader.string(protocolNode, path.appendingKey("protocol")) {
            if let transport = PortMapping.TransportProtocol(rawValue: name.lowercased()) {
                port.transport = transport
            } else {
                diagnostics.error(protocolNode, path.appendingKey("protocol"), "\"\(name)\" is not tcp or udp")
            }
        }
        port.name = node["name"].flatMap { reader.string($0, path.appendingKey("name")) }
        port.appProtocol = node["app_protocol"].flatMap { reader.string($0, path.appendingKey("app_protocol")) }
        if let awsNode = node["x-aws-protocol"], let value = reader.string(awsNode, path.appendingKey("x-aws-protocol")) {
            let allowed = ["http", "https", "tcp", "udp", "tls", "tcp_udp"]
            if allowed.contains(value.lowercased()) {
                port.awsProtocol = value.lowercased()
            } else {
                diagnostics.error(
                    awsNode, path.appendingKey("x-aws-protocol"), "\"\(value)\" is not a load balancer protocol",
                    hint: "use one of \(allowed.joined(separator: ", "))")
            }
        }
        if let mode = node["mode"]?.scalar?.text, mode == "host" {
            diagnostics.note(
                node["mode"], path.appendingKey("mode"), "`mode: host` has no meaning on Fargate; the port is published through the load balancer")
        }
        return port
    }
}
