import ComposeModel
import StackTemplates

/// The single-template mode: the infrastructure template plus the services layer — access
/// points, their mount policies, config files, task definitions, services and autoscaling — in
/// one CloudFormation stack.
///
/// The services layer's own builder (`DesiredStateBuilder`) describes the resources; it is given
/// `TargetIds` that refer to this template's resources instead of the infrastructure stack's real
/// ids, and its desired state (`DesiredTaskDefinition`, `DesiredService`, …) is written with the
/// CloudFormation renderers. So the task definition logic exists once, whichever mode deploys it.
///
/// What must not or cannot be in a template comes in as parameters Berth fills at deploy:
/// each secret's ARN (the value is written through the Secrets Manager API, never into the
/// template) and each built image pinned to its digest. The ECR repositories are left out of the
/// stack: an image has to be pushed before the stack that runs it is created, so a repository
/// in the same stack could never hold it in time; `UnifiedDeployer` creates them through the API.
package struct UnifiedStack: Sendable {
    package let site: Site
    /// With the kept data the stack takes back (see `RetainedDataAdoption`) once prepared.
    package var input: InfraStackInput
    let content: ContentReader

    /// - Parameter processEnvironment: where config contents given as `environment:` are read from.
    package init(site: Site, input: InfraStackInput, processEnvironment: [String: String]) {
        self.site = site
        self.input = input
        self.content = ContentReader(processEnvironment: processEnvironment)
    }

    /// The template and the parameters Berth fills when it deploys it.
    package struct Rendered: Sendable {
        package let template: Template
        /// The template's YAML, rendered once (measuring it against CloudFormation's limits
        /// already rendered it).
        package let yaml: String
        /// Service name → the parameter that takes its image, pinned to a digest.
        package var imageParameters: [String: String]
        /// Secret name (in Secrets Manager) → the parameter that takes its ARN.
        package var secretParameters: [String: String]

        package var stackName: String

        /// Next to the two-layer mode's `<stack>.infra.yaml`.
        package var fileName: String { "\(stackName).unified.yaml" }
    }

    var names: Names { input.names }
    var infra: InfraStack { InfraStack(input) }

    /// - Parameter secretVersions: each secret's current version id (random, from Secrets
    ///   Manager), so a changed secret is a new task definition revision and its tasks restart
    ///   with it; empty offline (`berth template`).
    package func render(secretVersions: [String: String] = [:]) throws -> Rendered {
        var builder = UnifiedTemplateBuilder(stack: self)
        builder.resolved.valueVersions = secretVersions
        return try builder.build()
    }

    /// Services whose image is taken from ECR and pinned to its digest at deploy, as
    /// `ServicesReconciler.resolveImages` does: built ones, and those already named in ECR by tag.
    static func pinsImage(_ service: Service) -> Bool {
        if service.build != nil { return true }
        guard let image = service.deployedImage else { return false }
        return Names.isECRTag(image)
    }
}
