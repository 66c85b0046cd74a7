import ComposeModel
import DeployEngine
import StackTemplates

/// Which environment a command works on, and the site resolved for it.
extension CommandContext {
    /// `--env`; else the only declared environment; else `default` when none is declared. With
    /// several declared and none chosen, Berth asks rather than guessing where to deploy.
    func environmentName(for site: Site) throws -> String {
        if let name = globals.env { return name }
        switch site.environmentNames.count {
        case 0: return "default"
        case 1: return site.environmentNames[0]
        default:
            throw BadInputError(
                "the compose file declares several environments (\(site.environmentNames.joined(separator: ", "))) and none was chosen",
                hint: "pass --env, e.g. --env \(site.environmentNames[0])")
        }
    }

    /// The site with the chosen environment applied, its name, and the infrastructure input.
    ///
    /// With `toleratingErrors` (status, down: commands that need only names), image lookups are
    /// skipped as well; `pinningImages` (deploy, plan) pins public images to their digests.
    /// - Parameter pinningImages: for plan and deploy, which also name the compose files they read.
    func loadDeployment(toleratingErrors: Bool = false, pinningImages: Bool = false) async throws -> Deployment {
        let result = try loadCompose(toleratingErrors: toleratingErrors, namingFiles: pinningImages)
        guard let site = result.site else { throw ReportedFailure(.badInput) }
        let environment = try environmentName(for: site)
        // status and down must reach an environment the file no longer declares; a deploy to a
        // mistyped one would build a whole new stack.
        if !toleratingErrors, !site.environmentNames.isEmpty, !site.environmentNames.contains(environment) {
            let suggestion = KeySuggestion.nearest(to: environment, in: Set(site.environmentNames))
            throw BadInputError(
                "environment \"\(environment)\" is not declared in x-berth.environments (\(site.environmentNames.joined(separator: ", ")))",
                hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "declare it under x-berth.environments first")
        }
        var resolved: Site
        do {
            resolved = try site.resolved(environmentName: site.environmentNames.contains(environment) ? environment : nil)
        } catch {
            throw BadInputError(error.message, hint: error.hint)
        }
        var pins: [ImagePin] = []
        if !toleratingErrors { resolved = try await discoveringPorts(in: resolved).site }
        if pinningImages { (resolved, pins) = try await self.pinningImages(in: resolved) }
        return Deployment(
            site: resolved, environmentName: environment, infra: InfraStackInput(site: resolved, environmentName: environment), pins: pins)
    }
}

extension CommandContext {
    /// `--service` names must be services of the file: a typo would otherwise plan "no changes"
    /// and exit 0.
    func checkServiceNames(_ names: [String], in site: Site) throws {
        let known = Set(site.services.map(\.name))
        for name in names where !known.contains(name) {
            let suggestion = KeySuggestion.nearest(to: name, in: known)
            throw BadInputError(
                "--service \(name): the compose file has no service \"\(name)\"",
                hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "its services: \(site.services.map(\.name).joined(separator: ", "))")
        }
    }
}

struct Deployment: Sendable {
    var site: Site
    var environmentName: String
    var infra: InfraStackInput
    /// Public images pinned to their digests for this deploy or plan.
    var pins: [ImagePin] = []
    var names: Names { infra.names }
}
