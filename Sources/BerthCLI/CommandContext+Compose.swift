import ComposeModel

/// Loading the compose project the way every command that reads it does: from `-f`,
/// `--project-name`, `--env-file` and the process environment captured in the context.
/// Warnings and notes go to stderr; any error stops the command with exit 2 before AWS is touched.
extension CommandContext {
    /// Deploys leave the found `compose.override.yaml` out; `berth dev` reads it as compose does.
    func composeLoadOptions(purpose: ComposeLoadOptions.Purpose = .deploy) -> ComposeLoadOptions {
        ComposeLoadOptions(
            files: globals.file, workingDirectory: workingDirectory, projectName: globals.projectName,
            envFiles: globals.envFile, processEnvironment: processEnvironment, profiles: globals.composeProfile,
            purpose: purpose)
    }

    /// With `toleratingErrors` (status, down), errors that leave a site behind (what Fargate
    /// cannot run) are reported and the command goes on: a deployed site must stay inspectable and
    /// removable, and those commands need only its name and environment.
    /// `goingOn` says why the command goes on despite them.
    func loadCompose(
        toleratingErrors: Bool = false, namingFiles: Bool = false, purpose: ComposeLoadOptions.Purpose = .deploy,
        goingOn: String = "going on with the project's name and environment, which they leave intact"
    ) throws -> ComposeLoadResult {
        let result = ComposeLoader.load(composeLoadOptions(purpose: purpose))
        if namingFiles, !result.files.isEmpty { printer.progress("compose files: \(result.files.joined(separator: ", "))") }
        for diagnostic in result.diagnostics {
            printer.progress(diagnostic.description)
        }
        if result.hasErrors, toleratingErrors, result.site != nil {
            let count = result.errors.count
            printer.progress("\(count) error\(count == 1 ? "" : "s") in the compose files; \(goingOn)")
            return result
        }
        if result.hasErrors {
            let count = result.errors.count
            printer.progress("\(count) error\(count == 1 ? "" : "s") in the compose files; nothing was sent to AWS")
            throw ReportedFailure(.badInput)
        }
        return result
    }

    /// The site with `--env` applied and the ports of named services found; an unknown
    /// environment is bad input.
    func loadSite() async throws -> (site: Site, warnings: Int) {
        try await resolving(try loadCompose())
    }

    /// A loaded project's site with `--env` applied and the ports of named services found, and
    /// the warnings of both steps.
    func resolving(_ result: ComposeLoadResult) async throws -> (site: Site, warnings: Int) {
        guard let site = result.site else { throw ReportedFailure(.badInput) }
        let resolved: Site
        do {
            resolved = try site.resolved(environmentName: globals.env)
        } catch {
            throw BadInputError(error.message, hint: error.hint)
        }
        let discovered = try await discoveringPorts(in: resolved)
        return (discovered.site, result.warnings.count + discovered.warnings)
    }
}
