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
    func loadDeployment(toleratingErrors: Bool = false, pinningImages: Bool = false) async throws -> Deployment {
        let result = try loadCompose(toleratingErrors: toleratingErrors)
        guard let site = result.site else { throw ReportedFailure(.badInput) }
        let environment = try environmentName(for: site)
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

struct Deployment: Sendable {
    var site: Site
    var environmentName: String
    var infra: InfraStackInput
    /// Public images pinned to their digests for this deploy or plan.
    var pins: [ImagePin] = []
    var names: Names { infra.names }
}
