import ArgumentParser
import ComposeModel
import Foundation

extension Berth {
    /// Reads the compose files, checks them for Fargate and prints the site as Berth would deploy
    /// it; makes no AWS call.
    struct Validate: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check the compose files and show the site as Berth would deploy it.",
            discussion: """
                Problems are printed as file:line:column on stderr; any error exits with status 2.

                Examples:
                  berth validate                              compose.yaml here (compose.override.yaml is local: named with -f only)
                  berth validate -f compose.yaml -f compose.prod.yaml --env prod
                """)

        @OptionGroup var globals: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let (site, warnings) = try await context.loadSite()
            try context.printer.result(site) { SiteSummary(site: site, warnings: warnings).text }
        }
    }
}

/// The text form of `berth validate`: one block per service with what Berth will create.
struct SiteSummary {
    let site: Site
    let warnings: Int

    var text: String {
        var lines: [String] = []
        var header = "project \(site.projectName)"
        if let environment = site.environmentName { header += ", environment \(environment)" }
        if let region = site.berth.region { header += ", region \(region)" }
        lines.append(header)
        let environments = site.environmentNames.isEmpty ? "none (add x-berth.environments)" : site.environmentNames.joined(separator: ", ")
        lines.append("environments: \(environments)")
        for service in site.services {
            lines.append("")
            lines.append("\(service.name)")
            lines += rows(for: service).map { "  " + $0.0.padding(toLength: 12, withPad: " ", startingAt: 0) + " " + $0.1 }
        }
        if !site.volumes.isEmpty {
            lines.append("")
            lines.append(
                "volumes: "
                    + site.volumes.map { $0.external ? "\($0.name) (existing \($0.externalName ?? "EFS"))" : "\($0.name) (EFS)" }.joined(
                        separator: ", "))
        }
        if let alarms = site.berth.alarms {
            lines.append(
                alarms.enabled
                    ? "alarms: \(alarms.email.isEmpty ? "no e-mail (berth alarms lists them)" : alarms.email.joined(separator: ", "))" : "alarms: off"
            )
        }
        let backedUp = site.backedUpVolumes.map(\.name)
        if site.berth.backup?.enabled == false {
            lines.append("backup: off")
        } else if !backedUp.isEmpty {
            let backup = site.berth.backup ?? .defaults
            lines.append("backup: \(backedUp.joined(separator: ", ")) at \(backup.schedule) UTC, kept \(backup.retentionDays) days")
        }
        lines.append("")
        lines.append(warnings == 0 ? "valid" : "valid, with \(warnings) warning\(warnings == 1 ? "" : "s") (above)")
        return lines.joined(separator: "\n")
    }

    private func rows(for service: Service) -> [(String, String)] {
        var rows: [(String, String)] = []
        var image = service.deployedImage ?? "(built)"
        if let build = service.build { image += " (built from \(build.context))" }
        rows.append(("image", image))
        rows.append(("size", "\(service.fargateSize) × \(service.replicas)"))
        if !service.ports.isEmpty {
            rows.append(
                (
                    "ports",
                    service.ports.map { port in
                        let published = port.published.map { "\($0) → " } ?? ""
                        return "\(published)\(port.target)/\(port.transport.rawValue)"
                    }.joined(separator: ", ")
                ))
        }
        if let domain = service.berth.domain {
            rows.append(("domain", service.berth.certificate == nil ? domain : "\(domain) (https)"))
        }
        if !service.expose.isEmpty {
            let ports = service.expose.map { "\($0.port)/\($0.transport.rawValue)" }.joined(separator: ", ")
            let sources = service.expose.compactMap(\.foundIn).uniqued()
            rows.append(("internal", ports + (sources.isEmpty ? "" : " (from \(sources.joined(separator: ", ")))")))
        }
        let mounts = service.mounts.map { mount -> String in
            switch mount.kind {
            case .volume: return "\(mount.source ?? "") → \(mount.target)\(mount.readOnly ? " (ro)" : "")"
            case .ephemeral, .tmpfs: return "scratch → \(mount.target)"
            }
        }
        if !mounts.isEmpty { rows.append(("volumes", mounts.joined(separator: ", "))) }
        if !service.configFiles.isEmpty {
            rows.append(("files", service.configFiles.map { "\($0.configName ?? $0.source.value) → \($0.target)" }.joined(separator: ", ")))
        }
        if !service.secrets.isEmpty { rows.append(("secrets", service.secrets.map(\.source).joined(separator: ", "))) }
        if !service.dependencies.isEmpty {
            rows.append(
                (
                    "depends on",
                    service.dependencies.map { dependency in
                        dependency.condition == .serviceStarted ? dependency.service : "\(dependency.service) (\(dependency.condition.rawValue))"
                    }.joined(separator: ", ")
                ))
        }
        if !service.environment.isEmpty { rows.append(("environment", service.environment.map(\.name).joined(separator: ", "))) }
        return rows
    }
}
