/// A `depends_on` between services in different tasks, at the port the client reaches: what
/// must be open between two tasks for the site to work. The wait container checks these at
/// start-up, `berth verify` checks them in the running site, and the infrastructure stack has a
/// probe task only when there are any.
package struct DependencyEdge: Sendable, Equatable {
    package var client: String
    package var server: String
    /// The server's first Service Connect port.
    package var port: Int

    package init(client: String, server: String, port: Int) {
        self.client = client
        self.server = server
        self.port = port
    }

    package var text: String { "\(client) -> \(server):\(port)" }
}

extension Site {
    /// The dependencies of `service` (a member of `task`) that run in other tasks and listen on
    /// a TCP port, in `depends_on` order. One without a port (a worker) has nothing to reach;
    /// one in the same task is reached through ECS container dependencies.
    package func crossTaskDependencies(of service: Service, in task: SiteTask) -> [DependencyEdge] {
        var seen = Set<String>()
        return service.dependencies.compactMap { dependency -> DependencyEdge? in
            guard !task.contains(dependency.service), seen.insert(dependency.service).inserted,
                let other = services.first(where: { $0.name == dependency.service }), let port = other.serviceConnectPorts.first
            else { return nil }
            return DependencyEdge(client: service.name, server: other.name, port: port)
        }
    }

    /// Every dependency across tasks, in task and member order.
    package var dependencyEdges: [DependencyEdge] {
        tasks.flatMap { task in task.members.flatMap { crossTaskDependencies(of: $0, in: task) } }
    }
}
