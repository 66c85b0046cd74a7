/// Applying one `x-berth` environment: its region, alarms and backup replace the site's, and its
/// per-service settings win over each service's own `x-berth` block and compose values.
extension Site {
    /// The site as deployed to `environment`; nil applies only the services' own `x-berth` blocks.
    /// An environment that is not declared is an error naming the declared ones.
    package func resolved(environmentName name: String?) throws(Diagnostic) -> Site {
        var site = self
        var overrides: [String: BerthServiceSettings] = [:]
        if let name {
            guard let environment = berth.environment(named: name) else {
                let known = environmentNames.isEmpty ? "none are declared" : "declared: \(environmentNames.joined(separator: ", "))"
                throw Diagnostic.error(
                    at: nil, path: "x-berth.environments", "there is no environment \"\(name)\"",
                    hint: "\(known); add it under x-berth.environments")
            }
            site.environmentName = name
            site.berth.region = environment.region ?? berth.region
            site.berth.alarms = AlarmSettings.merging(berth.alarms, environment.alarms)
            site.berth.backup = environment.backup ?? berth.backup
            site.berth.privateSubnets = environment.privateSubnets ?? berth.privateSubnets
            overrides = environment.services
        }
        for index in site.services.indices {
            var service = site.services[index]
            let settings = overrides[service.name].map { service.berth.overridden(by: $0) } ?? service.berth
            service.berth = settings
            if let replicas = settings.replicas { service.replicas = replicas }
            service.resources = service.resources.overridden(by: settings)
            switch FargateSize.fitting(service.resources) {
            case .success(let size):
                service.fargateSize = size
            case .failure(let problem):
                throw Diagnostic.error(
                    at: settings.location, path: "services.\(service.name)", problem.message, hint: problem.hint)
            }
            site.services[index] = service
        }
        return site
    }
}
