import ComposeModel
import StackTemplates

/// The ECR repositories of a project's built services (`build:`). A repository is named
/// `<project>/<service>`, one name per account and region, so it belongs to the project rather
/// than to an environment: dev and prod push to and run from the same one. Berth creates a
/// missing one through the API before any stack, tags it with the project only, and no
/// environment's teardown deletes it.
struct ProjectRepositories {
    let site: Site
    let names: Names
    let backend: any SiteBackend

    /// What is missing, created when `apply`; one action per built service, in compose order.
    func ensure(apply: Bool) async throws -> [PlannedAction] {
        var actions: [PlannedAction] = []
        for service in site.services where service.build != nil {
            let name = names.repository(service: service.name)
            if try await backend.repositoryExists(name) {
                actions.append(PlannedAction(.noChange, .repository, name, "exists"))
                continue
            }
            if apply {
                try await backend.createRepository(
                    name, tags: names.projectTags + [(BerthTag.service, service.name)], lifecyclePolicy: InfraStack.repositoryLifecyclePolicy)
            }
            actions.append(
                PlannedAction(.create, .repository, name, "for the images of \(service.name), shared by every environment of \(names.project)"))
        }
        return actions
    }
}
