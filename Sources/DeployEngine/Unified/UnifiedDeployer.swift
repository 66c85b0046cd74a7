import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

/// `deploy --unified` and `plan --unified`: one stack with everything, deployed through the
/// same `StackDeployer` as the infrastructure stack.
///
/// Before the stack, through the API and only where something differs (so a repeated deploy
/// writes nothing): the secrets (their values never enter the template), the ECR repositories
/// of built services (an image must be pushed before the stack that runs it exists), and the
/// images pinned to their digests. Their ARNs and digests are the template's parameters.
package struct UnifiedDeployer: Sendable {
    let stack: UnifiedStack
    let backend: any SiteBackend
    let stacks: any StackOperations
    let onEvent: @Sendable (SiteDeployer.Event) -> Void

    package init(
        stack: UnifiedStack, backend: any SiteBackend, stacks: any StackOperations, onEvent: @escaping @Sendable (SiteDeployer.Event) -> Void
    ) {
        self.stack = stack
        self.backend = backend
        self.stacks = stacks
        self.onEvent = onEvent
    }

    /// A deployer over AWS; `processEnvironment` is where `environment:` configs and secrets
    /// are read from.
    package init(
        client: AWSClient, site: Site, input: InfraStackInput, processEnvironment: [String: String], stackWaiter: Waiter = .operations(),
        onEvent: @escaping @Sendable (SiteDeployer.Event) -> Void
    ) {
        self.init(
            stack: UnifiedStack(site: site, input: input, processEnvironment: processEnvironment), backend: AWSServicesBackend(client: client),
            stacks: StackDeployer(client: client, waiter: stackWaiter), onEvent: onEvent)
    }

    var names: Names { stack.names }

    /// What a deploy would change; changes nothing.
    package func plan(_ options: SiteDeployer.Options = .init()) async throws -> SiteDeployer.Result {
        try SiteDeployer.checkMode(.unified, of: try await stacks.observe(stackName: names.stack), names: names, options)
        let (request, actions) = try await prepare(apply: false)
        onEvent(.layer(.infra, "planning stack \(names.stack) (single template)"))
        let plan = try await stacks.plan(stack: request, options: options.stack) { onEvent(.stack($0)) }
        return SiteDeployer.Result(infra: plan, infraOutcome: nil, services: ServicesPlan(actions: actions), outputs: [:])
    }

    package func deploy(_ options: SiteDeployer.Options = .init()) async throws -> SiteDeployer.Result {
        guard options.lock != nil || options.confirmRemoval != nil else { return try await deployUnlocked(options) }
        // Nothing to change: no write, not even the lock; removals confirmed first (as
        // `SiteDeployer.checkedPlan`). Here services are the template's resources.
        let checked = try await checkedPlan(options, racing: true)
        if case .unchanged(let result) = checked { return result }
        guard let holder = options.lock else { return try await deployUnlocked(options) }
        let lock = EnvironmentLock(backend: backend, names: names, waitForLock: options.waitForLock, onEvent: onEvent)
        return try await lock.holding(holder) {
            if case .unknown = checked, case .unchanged(let result) = try await checkedPlan(options, racing: false) { return result }
            return try await deployUnlocked(options)
        }
    }

    /// As `SiteDeployer.checkedPlan`, with the services as the template's resources.
    func checkedPlan(_ options: SiteDeployer.Options, racing: Bool) async throws -> SiteDeployer.CheckedPlan {
        let notes = QuietNotes()
        let quiet = UnifiedDeployer(stack: stack, backend: backend, stacks: stacks, onEvent: notes.record)
        let plan: SiteDeployer.Result
        do {
            plan = try await quiet.plan(options.quietPlan)
        } catch  where racing && (error is AWSServiceError || error is StackDeployError) {
            return .unknown
        }
        let removals = (plan.infra?.changes ?? []).filter { $0.action == .remove && $0.resourceType == "AWS::ECS::Service" }.map(\.logicalResourceId)
        try await SiteDeployer.confirm(removals: removals + SiteDeployer.dataLeftBehind(plan.infra), options)
        guard plan.infra?.hasChanges != true, plan.services?.changes.isEmpty != false else { return .confirmed }
        let outputs = try await stacks.observe(stackName: names.stack)?.outputs ?? [:]
        for note in notes.all { onEvent(.note(note)) }
        return .unchanged(SiteDeployer.Result(infra: nil, infraOutcome: .noChanges, services: plan.services, outputs: outputs))
    }

    func deployUnlocked(_ options: SiteDeployer.Options) async throws -> SiteDeployer.Result {
        try SiteDeployer.checkMode(.unified, of: try await stacks.observe(stackName: names.stack), names: names, options)
        let (request, actions) = try await prepare(apply: true)
        onEvent(.layer(.infra, "stack \(names.stack) (single template)"))
        let deployed = try await stacks.deploy(stack: request, options: options.stack) { onEvent(.stack($0)) }
        return SiteDeployer.Result(
            infra: nil, infraOutcome: deployed.outcome, infraApplied: deployed.changes, services: ServicesPlan(actions: actions),
            outputs: deployed.outputs)
    }

    /// The stack request with every parameter filled, after writing (with `apply`) what must
    /// exist before it: secrets and repositories.
    func prepare(apply: Bool) async throws -> (StackRequest, [PlannedAction]) {
        try await CertificateCheck(input: stack.input, backend: backend).run()
        var stack = stack
        let adoption = try await backend.retainedDataAdoption(input: stack.input, stack: try await stacks.observe(stackName: names.stack))
        for note in adoption.notes { onEvent(.note(note)) }
        stack.input = adoption.applied(to: stack.input)
        let domains = try await SiteDomains(input: stack.input, backend: backend).resolve(apply: apply)
        for note in domains.notes { onEvent(.note(note)) }
        stack.input = domains.input
        let account = try await backend.accountId()
        let reconciler = reconciler(account: account, apply: apply)
        let recorder = ServicesReconciler.Recorder()
        onEvent(.layer(.services, "secrets and images"))
        let secrets = try reconciler.builder.storedValues().filter { $0.store == .secretsManager }
        let stored = try await reconciler.reconcileStoredValues(secrets, recorder)
        let arns = stored.secretArns
        let rendered = try stack.render(secretVersions: stored.versions)
        for action in try await ProjectRepositories(site: stack.site, names: names, backend: backend).ensure(apply: apply) {
            reconciler.record(recorder, action)
        }
        let images = try await reconciler.resolveImages()
        var parameters: [String: String] = [:]
        for (secret, parameter) in rendered.secretParameters {
            // Planning a secret not written yet: its ARN will end in a suffix AWS picks.
            parameters[parameter] = try arns[secret] ?? reconciler.builder.valueArn(.secretsManager, secret).known("the ARN of secret \(secret)")
        }
        for (service, parameter) in rendered.imageParameters {
            parameters[parameter] = images[service] ?? stack.site.services.first { $0.name == service }?.deployedImage ?? service
        }
        parameters.merge(try await backend.networkParameters(for: stack.input)) { a, _ in a }
        parameters.merge(stack.input.keptDataParameters) { a, _ in a }
        let request = StackRequest.site(names, mode: .unified, templateBody: rendered.yaml, parameters: parameters)
        return (request, recorder.all)
    }

    /// The services reconciler's stored-value and image steps, over a target that names only
    /// what they need: the region, the account and the repositories.
    func reconciler(account: String, apply: Bool) -> ServicesReconciler {
        var target = SiteTarget(
            stackName: names.stack, region: backend.region, accountId: account, cluster: names.cluster, subnets: [], servicesSecurityGroup: "",
            logGroup: names.logGroup, executionRoleArn: "")
        for service in stack.site.services where service.build != nil {
            target.repositories[service.name] = names.repositoryURI(
                service: service.name, account: account, region: backend.region, dnsSuffix: Partition.of(region: backend.region).dnsSuffix)
        }
        return ServicesReconciler(
            backend: backend, site: stack.site, target: target, names: names, content: stack.content,
            options: .init(apply: apply), progress: { onEvent(.services($0)) })
    }
}
