import Foundation

/// Checks that need the whole site: dependencies that name real services and form no cycle,
/// published ports used once, and `x-berth` environments that name real services and sizes.
struct SiteValidator {
    let diagnostics: DiagnosticBag
    /// Services removed because none of their profiles is active, for a clearer message.
    let disabledServices: Set<String>

    func validate(_ site: Site) {
        checkServiceNames(site)
        checkDependencies(site)
        DependencyCycles.report(in: site, diagnostics: diagnostics)
        checkPublishedPorts(site)
        checkEnvironments(site)
        checkCertificates(site)
        checkTasks(site)
        checkDevHost(site)
    }

    /// `berth dev --phase 1` runs one service on the developer's machine.
    private func checkDevHost(_ site: Site) {
        let hosts = site.services.filter { $0.berth.dev?.host == true }
        for extra in hosts.dropFirst() {
            diagnostics.add(
                .error(
                    at: extra.berth.dev?.location, path: "services.\(extra.name).x-berth.dev.host",
                    "\(hosts[0].name) is already the service berth dev runs on this machine",
                    hint: "mark one service with host: true; berth dev --host-service NAME chooses another for one run"))
        }
    }

    /// A load balancer takes ACM certificates from its own region only (us-east-1's are for
    /// CloudFront): one from elsewhere makes the HTTPS listener fail and the stack roll back.
    /// Checked against each environment's region where the file says it; `deploy` checks the
    /// region it actually deploys to, and that the certificate is issued.
    private func checkCertificates(_ site: Site) {
        let environments = site.berth.environments.isEmpty ? [nil] : site.berth.environments.map { Optional($0) }
        func check(_ settings: BerthServiceSettings, path: String, regions: [(environment: String?, region: String?)]) {
            guard let arn = settings.certificate, let certificateRegion = AWSNames.certificateRegion(arn) else { return }
            for (environment, region) in regions {
                guard let region, region != certificateRegion else { continue }
                diagnostics.add(
                    .error(
                        at: settings.certificateLocation, path: path,
                        "the certificate is in \(certificateRegion), but \(environment.map { "environment \($0)" } ?? "the site") runs in \(region)",
                        hint: "a load balancer only takes ACM certificates from its own region; request or import one in \(region)"))
                return
            }
        }
        for service in site.services {
            check(
                service.berth, path: "services.\(service.name).x-berth.certificate",
                regions: environments.map { ($0?.name, $0?.region ?? site.berth.region) })
        }
        for environment in site.berth.environments {
            for (name, settings) in environment.services.sorted(by: { $0.key < $1.key }) {
                check(
                    settings, path: "x-berth.environments.\(environment.name).services.\(name).certificate",
                    regions: [(environment.name, environment.region ?? site.berth.region)])
            }
        }
    }

    /// Task groups as written, and as each environment's `task` overrides regroup them.
    private func checkTasks(_ site: Site) {
        var reported = Set<Diagnostic>()
        for diagnostic in site.taskDiagnostics where reported.insert(diagnostic).inserted {
            diagnostics.add(diagnostic)
        }
        for environment in site.berth.environments where environment.services.values.contains(where: { $0.task != nil }) {
            var regrouped = site
            for index in regrouped.services.indices {
                if let task = environment.services[regrouped.services[index].name]?.task {
                    regrouped.services[index].berth.task = task
                    regrouped.services[index].berth.taskLocation = environment.services[regrouped.services[index].name]?.taskLocation
                }
            }
            for diagnostic in regrouped.taskDiagnostics where reported.insert(diagnostic).inserted {
                diagnostics.add(diagnostic)
            }
        }
    }

    /// The longest service name: ECS port names (`<service>-<port>-tcp`, Service Connect's) take
    /// at most 64 characters.
    static let longestServiceName = 50

    /// What ECS and the names Berth derives accept: letters, digits, `-` and `_` (ECS services,
    /// task families and containers take no `.`), short enough for port names, and no two
    /// services with one slug (`web.app` and `web_app`, `Web` and `web`), which would share
    /// Service Connect and log names and replace each other on every deploy.
    private func checkServiceNames(_ site: Site) {
        var bySlug: [String: String] = [:]
        for service in site.services {
            let path = "services.\(service.name)"
            if service.name.contains(".") {
                diagnostics.add(
                    .error(
                        at: service.location, path: path, "ECS names services and containers with letters, digits, - and _ only, not \".\"",
                        hint: "rename it, e.g. \(service.name.replacingOccurrences(of: ".", with: "-")), and the places that reach it by name"))
            }
            if service.name.count > Self.longestServiceName {
                diagnostics.add(
                    .error(
                        at: service.location, path: path,
                        "the name has \(service.name.count) characters; ECS port names (<service>-<port>-tcp) allow at most 64, so at most \(Self.longestServiceName)",
                        hint: "use a shorter name"))
            }
            if let first = bySlug[service.name.slug] {
                diagnostics.add(
                    .error(
                        at: service.location, path: path,
                        "services \"\(first)\" and \"\(service.name)\" would both be named \(service.name.slug) on AWS (Service Connect, logs, task families)",
                        hint: "rename one of them"))
            } else {
                bySlug[service.name.slug] = service.name
            }
        }
    }

    private func checkDependencies(_ site: Site) {
        let names = Set(site.services.map(\.name))
        for service in site.services {
            for dependency in service.dependencies where !names.contains(dependency.service) {
                let path = "services.\(service.name).depends_on.\(dependency.service)"
                if disabledServices.contains(dependency.service) {
                    // `required: false` is compose's way of saying the dependency is optional.
                    guard dependency.required else { continue }
                    diagnostics.add(
                        .error(
                            at: dependency.location, path: path, "depends on \"\(dependency.service)\", which no active profile enables",
                            hint: "enable its profile with --compose-profile (or COMPOSE_PROFILES), or give both services the same profile"))
                } else if dependency.service == service.name {
                    diagnostics.add(.error(at: dependency.location, path: path, "a service cannot depend on itself"))
                } else {
                    let suggestion = KeySuggestion.nearest(to: dependency.service, in: names)
                    diagnostics.add(
                        .error(
                            at: dependency.location, path: path, "depends on \"\(dependency.service)\", which is not a service",
                            hint: suggestion.map { "did you mean \"\($0)\"?" }
                                ?? "the services are \(site.services.map(\.name).joined(separator: ", "))"))
                }
            }
        }
    }

    /// Each published port becomes one load balancer listener, so two services cannot share it.
    private func checkPublishedPorts(_ site: Site) {
        var seen: [String: (service: String, location: SourceLocation?)] = [:]
        for service in site.services {
            for (index, port) in service.ports.enumerated() {
                guard let published = port.published else { continue }
                let key = "\(published)/\(port.transport.rawValue)"
                if let first = seen[key] {
                    let where_ = first.location.map { " at \($0)" } ?? ""
                    diagnostics.add(
                        .error(
                            at: port.location, path: "services.\(service.name).ports[\(index)]",
                            "port \(key) is already published by service \"\(first.service)\"\(where_)",
                            hint: "publish a different port, or route both through one proxy service"))
                } else {
                    seen[key] = (service.name, port.location)
                }
            }
        }
    }

    private func checkEnvironments(_ site: Site) {
        let services = Dictionary(site.services.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for environment in site.berth.environments {
            for (name, settings) in environment.services.sorted(by: { $0.key < $1.key }) {
                let path = "x-berth.environments.\(environment.name).services.\(name)"
                guard let service = services[name] else {
                    let suggestion = KeySuggestion.nearest(to: name, in: Set(services.keys))
                    diagnostics.add(
                        .error(
                            at: settings.location, path: path, "\"\(name)\" is not a service",
                            hint: suggestion.map { "did you mean \"\($0)\"?" }))
                    continue
                }
                let request = service.resources.overridden(by: service.berth.overridden(by: settings))
                if case .failure(let problem) = FargateSize.fitting(request) {
                    diagnostics.add(.error(at: settings.location, path: path, problem.message, hint: problem.hint))
                }
            }
            checkBackupVolumes(
                environment.backup, in: site, at: environment.location, path: "x-berth.environments.\(environment.name).backup.volumes")
        }
        checkBackupVolumes(site.berth.backup, in: site, at: nil, path: "x-berth.backup.volumes")
    }

    /// Each volume to back up is declared, and one Berth's stack owns: an existing (external)
    /// file system is someone else's to back up, and its policy need not let Berth's task in.
    private func checkBackupVolumes(_ backup: BackupSettings?, in site: Site, at location: SourceLocation?, path: String) {
        for name in backup?.volumes ?? [] {
            guard let volume = site.volume(named: name) else {
                diagnostics.add(.error(at: location, path: path, "volume \"\(name)\" is not declared"))
                continue
            }
            if volume.external {
                diagnostics.add(
                    .warning(
                        at: location, path: path, "volume \"\(name)\" is an existing file system; Berth backs up only the volumes it makes",
                        hint: "back it up where it is managed, or let Berth make the volume"))
            }
        }
    }
}

extension ResourceRequest {
    /// The request with `x-berth` sizing applied: an exact `cpu` replaces `cpus`, and the reverse.
    func overridden(by settings: BerthServiceSettings) -> ResourceRequest {
        var request = self
        if let cpu = settings.cpu {
            request.cpuUnits = cpu
            request.cpus = nil
        } else if let cpus = settings.cpus {
            request.cpus = cpus
            request.cpuUnits = nil
        }
        if let memory = settings.memory { request.memoryMiB = memory }
        return request
    }
}
