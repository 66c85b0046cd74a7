/// Finds `depends_on` cycles, which would leave no service to start first. Each cycle is reported
/// once, at the dependency that closes it, naming the whole loop.
enum DependencyCycles {
    static func report(in site: Site, diagnostics: DiagnosticBag) {
        let services = Dictionary(site.services.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Int] = [:]  // 1 = on the stack, 2 = done
        var stack: [String] = []
        var reported: Set<Set<String>> = []

        func visit(_ name: String) {
            state[name] = 1
            stack.append(name)
            for dependency in services[name]?.dependencies ?? [] where services[dependency.service] != nil {
                switch state[dependency.service] {
                case 1?:
                    guard let start = stack.firstIndex(of: dependency.service) else { continue }
                    let loop = Array(stack[start...])
                    if reported.insert(Set(loop)).inserted {
                        let chain = (loop + [dependency.service]).joined(separator: " → ")
                        diagnostics.add(
                            .error(
                                at: dependency.location, path: "services.\(name).depends_on.\(dependency.service)",
                                "depends_on forms a cycle: \(chain)", hint: "remove one of these dependencies"))
                    }
                case nil:
                    visit(dependency.service)
                default:
                    break
                }
            }
            stack.removeLast()
            state[name] = 2
        }

        for service in site.services where state[service.name] == nil {
            visit(service.name)
        }
    }
}
