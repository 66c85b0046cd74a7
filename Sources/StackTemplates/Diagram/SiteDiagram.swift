import ComposeModel

/// A picture of a site as Berth deploys it: the load balancer, each service with its Fargate size
/// and count, who reaches whom by Service Connect name and port, the volumes and their file
/// systems, the log group and the backup bucket. One model, drawn as Mermaid, Graphviz dot or
/// SVG (the last without any external program).
package struct SiteDiagram: Sendable, Equatable {
    package enum Kind: String, Sendable, Equatable {
        case loadBalancer, service, volume, logGroup, bucket
    }

    package struct Node: Sendable, Equatable {
        /// Unique, safe as an identifier in every format (`lb`, `svc_cms`, `vol_uploads`).
        package var id: String
        package var kind: Kind
        package var title: String
        package var detail: String
        /// Left to right: the load balancer, then services by how far from the public side they
        /// are, then volumes; the log group and bucket sit in their own row (`column` -1).
        package var column: Int
    }

    package struct Edge: Sendable, Equatable {
        package var from: String
        package var to: String
        package var label: String
    }

    package var title: String
    package var nodes: [Node]
    package var edges: [Edge]

    /// - Parameters:
    ///   - fileSystems: volume name → file system id, when deployed (else "encrypted EFS").
    ///   - address: the load balancer's address, when deployed.
    package init(site: Site, names: Names, fileSystems: [String: String] = [:], address: String? = nil) {
        title = names.stack
        var nodes: [Node] = []
        var edges: [Edge] = []
        let publicServices = site.services.filter(\.isPublic)
        if !publicServices.isEmpty {
            nodes.append(Node(id: "lb", kind: .loadBalancer, title: "Load balancer", detail: address ?? "internet-facing ALB", column: 0))
            for service in publicServices {
                for port in service.ports where port.published != nil {
                    edges.append(Edge(from: "lb", to: Self.id(service: service.name), label: "\(port.published ?? port.target) → \(port.target)"))
                }
                if service.berth.domain != nil && !service.ports.contains(where: { $0.published != nil }) {
                    edges.append(Edge(from: "lb", to: Self.id(service: service.name), label: service.berth.domain ?? ""))
                }
            }
        }
        // Who names whom: the one reaching in points at the one reached, labelled name:port.
        var reaches: [String: [String]] = [:]
        for service in site.services {
            for reference in site.references(to: service.name) where !reaches[reference.from, default: []].contains(service.name) {
                reaches[reference.from, default: []].append(service.name)
                let port = service.serviceConnectPorts.first.map { ":\($0)" } ?? ""
                edges.append(Edge(from: Self.id(service: reference.from), to: Self.id(service: service.name), label: "\(service.name)\(port)"))
            }
        }
        let depth = Self.depths(site: site, publicServices: publicServices.map(\.name), reaches: reaches)
        for service in site.services {
            let count = service.replicas == 1 ? "1 task" : "\(service.replicas) tasks"
            nodes.append(
                Node(
                    id: Self.id(service: service.name), kind: .service, title: service.name, detail: "\(service.fargateSize) × \(count)",
                    column: 1 + (depth[service.name] ?? 0)))
        }
        let volumeColumn = 2 + (depth.values.max() ?? 0)
        for volume in site.volumes where site.services.contains(where: { $0.mounts.contains { $0.kind == .volume && $0.source == volume.name } }) {
            nodes.append(
                Node(
                    id: "vol_" + Self.safe(volume.name), kind: .volume, title: volume.name, detail: fileSystems[volume.name] ?? "encrypted EFS",
                    column: volumeColumn))
            for service in site.services {
                for mount in service.mounts where mount.kind == .volume && mount.source == volume.name {
                    edges.append(
                        Edge(
                            from: Self.id(service: service.name), to: "vol_" + Self.safe(volume.name),
                            label: mount.target + (mount.readOnly ? " (ro)" : "")))
                }
            }
        }
        nodes.append(Node(id: "logs", kind: .logGroup, title: "Log group", detail: names.logGroup, column: -1))
        nodes.append(Node(id: "backups", kind: .bucket, title: "Backup bucket", detail: "S3, encrypted, kept on teardown", column: -1))
        self.nodes = nodes
        self.edges = edges
    }

    static func id(service: String) -> String { "svc_" + safe(service) }

    /// Letters, digits and underscores only: an identifier in Mermaid, dot and XML alike.
    static func safe(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// 0 for public services (and services nobody reaches that are not public either: they
    /// stand on their own), else one more than the nearest service that reaches them.
    static func depths(site: Site, publicServices: [String], reaches: [String: [String]]) -> [String: Int] {
        var depth: [String: Int] = [:]
        var queue = publicServices
        for name in publicServices { depth[name] = 0 }
        while !queue.isEmpty {
            let name = queue.removeFirst()
            for next in reaches[name] ?? [] where depth[next] == nil {
                depth[next] = (depth[name] ?? 0) + 1
                queue.append(next)
            }
        }
        // Services reached only from services outside the public side's reach.
        var changed = true
        while changed {
            changed = false
            for service in site.services where depth[service.name] == nil {
                let from = site.services.filter { reaches[$0.name, default: []].contains(service.name) }.compactMap { depth[$0.name] }
                if let nearest = from.min() {
                    depth[service.name] = nearest + 1
                    changed = true
                }
            }
        }
        for service in site.services where depth[service.name] == nil { depth[service.name] = 0 }
        return depth
    }
}
