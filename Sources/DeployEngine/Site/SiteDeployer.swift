import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import SigV4
import StackTemplates

/// One command's worth of work on a site: the infrastructure stack, then the services layer,
/// with one stream of progress events. `plan` runs the same path without changing anything.
package struct SiteDeployer: Sendable {
    package enum Layer: String, Sendable, CaseIterable {
        case infra, services
    }

    package enum Event: Sendable, Equatable {
        case layer(Layer, String)
        case stack(DeployEvent)
        case services(ServicesEvent)
        case note(String)
    }

    package struct Options: Sendable {
        package var only: Layer?
        package var services: Set<String>?
        package var stack: StackDeployOptions
        package var waitForServices: Bool
        package var servicesWaiter: Waiter
        /// Who takes the environment's lock for the run; nil runs without one (plan, tests).
        package var lock: LockHolder?
        package var waitForLock: Bool
        /// Deploy an environment in the other mode than its stack was deployed in (`--switch-mode`).
        package var switchMode = false
        /// Asked with the services a deploy would remove (no longer in the compose file) before
        /// anything is written; false stops the deploy. Nil removes them without asking.
        package var confirmRemoval: (@Sendable ([String]) async -> Bool)?

        /// For the quiet plan before a deploy: a stack that is not there yet is just "created".
        var quietPlan: Options {
            var options = self
            options.stack.listsNewStackResources = false
            return options
        }

        package init(
            only: Layer? = nil, services: Set<String>? = nil, stack: StackDeployOptions = .init(), waitForServices: Bool = true,
            servicesWaiter: Waiter = .operations(), lock: LockHolder? = nil, waitForLock: Bool = false
        ) {
            self.only = only
            self.services = services
            self.stack = stack
            self.waitForServices = waitForServices
            self.servicesWaiter = servicesWaiter
            self.lock = lock
            self.waitForLock = waitForLock
        }
    }

    package struct Result: Sendable, Equatable {
        package var infra: StackPlan?
        package var infraOutcome: StackDeployResult.Outcome?
        /// The resources the deploy's change set touched (none for a plan).
        package var infraApplied: [PlannedResourceChange] = []
        package var services: ServicesPlan?
        package var outputs: [String: String]
    }

    let site: Site
    let input: InfraStackInput
    let content: ContentReader
    let backend: any SiteBackend
    let stacks: any StackOperations
    let onEvent: @Sendable (Event) -> Void

    /// A deployer over any backend and stack operations: the in-memory ones of the tests, or AWS.
    package init(
        site: Site, input: InfraStackInput, content: ContentReader, backend: any SiteBackend, stacks: any StackOperations,
        onEvent: @escaping @Sendable (Event) -> Void
    ) {
        self.site = site
        self.input = input
        self.content = content
        self.backend = backend
        self.stacks = stacks
        self.onEvent = onEvent
    }

    /// A deployer over AWS; `processEnvironment` is where `environment:` configs and secrets
    /// are read from.
    package init(
        client: AWSClient, site: Site, input: InfraStackInput, processEnvironment: [String: String], stackWaiter: Waiter = .operations(),
        onEvent: @escaping @Sendable (Event) -> Void
    ) {
        self.init(
            site: site, input: input, content: ContentReader(processEnvironment: processEnvironment), backend: AWSServicesBackend(client: client),
            stacks: StackDeployer(client: client, waiter: stackWaiter), onEvent: onEvent)
    }

    var names: Names { input.names }

    /// The stack request, uploading nested templates first when the site needs them.
    func stackRequest(accountId: String, upload: Bool) async throws -> StackRequest {
        let observed = try await stacks.observe(stackName: names.stack)
        var input = input
        input.stackHeldRepositories = stackHeldRepositories(observed)
        let adoption = try await backend.retainedDataAdoption(input: input, stack: observed)
        for note in adoption.notes { onEvent(.note(note)) }
        input = adoption.applied(to: input)
        let domains = try await SiteDomains(input: input, backend: backend).resolve(apply: upload)
        for note in domains.notes { onEvent(.note(note)) }
        input = domains.input
        let files = InfraStack(input).renderAll()
        var parameters = try await backend.networkParameters(for: input).merging(input.keptDataParameters) { a, _ in a }
        if files.count > 1 {
            let bucket = Names.artifactsBucket(account: accountId, region: backend.region)
            let digest = sha256Hex(Data(files.map(\.yaml).joined().utf8)).prefix(16)
            let prefix = "cloudformation/\(names.stack)/nested-\(digest)"
            let domain = Partition.of(region: backend.region).dnsSuffix
            parameters[NestedStacks.artifactsParameter] = "https://s3.\(backend.region).\(domain)/\(bucket)/\(prefix)"
            if upload {
                try await backend.uploadTemplates(files.dropFirst().map { ("\(prefix)/\($0.fileName)", $0.yaml) }, bucket: bucket)
            }
        }
        return .site(names, mode: .layers, templateBody: files.first?.yaml ?? "", parameters: parameters)
    }

    /// The services whose repository the deployed stack created, before repositories became the
    /// project's: the template keeps them, retained (see `InfraStack.repositories`).
    func stackHeldRepositories(_ observed: ObservedStack?) -> Set<String> {
        guard let observed else { return [] }
        return Set(
            input.services.filter { $0.hasRepository && observed.physicalIds[StackLogicalID.repository(service: $0.logicalId)] != nil }.map(\.name))
    }

    /// The project's repositories, before any stack: they must exist for images to be pushed
    /// and resolved, whichever layer runs. Reported as the services layer's first actions.
    func ensureRepositories(apply: Bool) async throws -> [PlannedAction] {
        let actions = try await ProjectRepositories(site: site, names: names, backend: backend).ensure(apply: apply)
        for action in actions { onEvent(.services(.action(action, applied: apply && action.kind != .noChange))) }
        return actions
    }

    /// What the infrastructure stack provides the services layer; `nil` before it exists.
    func readTarget(accountId: String) async throws -> SiteTarget? {
        guard let observed = try await stacks.observe(stackName: names.stack), observed.provisioned else { return nil }
        return try target(of: observed, accountId: accountId)
    }

    /// What an observed stack provides the services layer, in this site's terms.
    func target(of observed: ObservedStack, accountId: String) throws -> SiteTarget {
        try SiteTarget(observed: observed, stack: names.stack, input: input, accountId: accountId, region: backend.region)
    }

    func requireTarget(accountId: String) async throws -> SiteTarget {
        guard let target = try await readTarget(accountId: accountId) else {
            throw DeployError("the infrastructure stack \(names.stack) does not exist yet", hint: "run `berth deploy` without --only services first")
        }
        return target
    }

    func reconciler(target: SiteTarget, apply: Bool, options: Options) -> ServicesReconciler {
        ServicesReconciler(
            backend: backend, site: site, target: target, names: names, content: content,
            options: .init(apply: apply, services: options.services, waitForStability: options.waitForServices, waiter: options.servicesWaiter),
            progress: { onEvent(.services($0)) })
    }

    /// Both layers' changes; changes nothing. The stack is read once for the whole plan.
    package func plan(_ options: Options = Options()) async throws -> Result {
        guard stacks is ObservedOnce else { return try await readingStackOnce(onEvent: onEvent).plan(options) }
        try Self.checkMode(.layers, of: try await stacks.observe(stackName: names.stack), names: names, options)
        let account = try await backend.accountId()
        var result = Result(outputs: [:])
        let repositories = try await ensureRepositories(apply: false)
        if options.only != .services {
            try await CertificateCheck(input: input, backend: backend).run()
            onEvent(.layer(.infra, "planning stack \(names.stack)"))
            result.infra = try await stacks.plan(stack: try await stackRequest(accountId: account, upload: false), options: options.stack) {
                onEvent(.stack($0))
            }
        }
        if options.only != .infra {
            onEvent(.layer(.services, "planning services"))
            result.services = try await planServices(target: try await readTarget(accountId: account), infra: result.infra, options: options)
        }
        result.services = ServicesPlan(actions: repositories + (result.services?.actions ?? []))
        return result
    }

    /// The services layer's plan against the stack as it is. When the stack is about to change,
    /// values it provides (a new volume's file system, a new service's role) may not exist yet:
    /// then each selected task's service is listed as deploy will treat it, created when it does
    /// not exist and brought up to date when it does, without guessing further.
    func planServices(target: SiteTarget?, infra: StackPlan?, options: Options) async throws -> ServicesPlan {
        if let target {
            do {
                let plan = try await reconciler(target: target, apply: false, options: options).run()
                if infra?.hasChanges == true {
                    onEvent(.note("services are planned against the stack as it is; deploy plans them again after the stack's changes"))
                }
                return plan
            } catch let error as DeployError where infra?.hasChanges == true {
                onEvent(.note("services wait for the stack's changes (\(error.message)); listed without their details"))
            }
        }
        let tasks = site.tasks.filter { task in options.services.map { !$0.isDisjoint(with: task.memberNames) } ?? true }
        let existing = Set(
            try await backend.services(cluster: target?.cluster ?? names.cluster, names: tasks.map(\.name)).filter { $0.status != .inactive }.map(
                \.name)
        )
        return ServicesPlan(
            actions: tasks.map { task in
                existing.contains(task.name)
                    ? PlannedAction(.update, .service, task.name, "brought up to date after the infrastructure stack is deployed")
                    : PlannedAction(.create, .service, task.name, "after the infrastructure stack is deployed")
            })
    }

    package func deploy(_ options: Options = Options()) async throws -> Result {
        guard options.lock != nil || options.confirmRemoval != nil else { return try await deployUnlocked(options) }
        switch try await checkedPlan(options) {
        case .unchanged(let result):
            return result
        case .confirmed:
            return try await locking(options.lock, wait: options.waitForLock) { try await deployUnlocked(options) }
        case .unknown:
            // Another run was changing the stack as this one looked: look again under the lock.
            return try await locking(options.lock, wait: options.waitForLock) {
                if case .unchanged(let result) = try await checkedPlan(options, racing: false) { return result }
                return try await deployUnlocked(options)
            }
        }
    }

    enum CheckedPlan {
        /// Nothing to change: the site as it is.
        case unchanged(Result)
        /// Changes, with any removals confirmed.
        case confirmed
        /// AWS answered the plan with an error another run's work can cause (a change set
        /// deleted under it, a stack mid-operation): plan again once the lock is held.
        case unknown
    }

    /// A quiet plan before anything is written. When neither layer would change, the site as it
    /// is: a deploy with nothing to change writes nothing, not even its lock. Services it would
    /// remove are confirmed first. Anything else deploys under the lock (and plans again there,
    /// since another run may have changed the site meanwhile).
    func checkedPlan(_ options: Options, racing: Bool = true) async throws -> CheckedPlan {
        let notes = QuietNotes()
        let quiet = readingStackOnce(onEvent: notes.record)
        let plan: Result
        do {
            plan = try await quiet.plan(options.quietPlan)
        } catch  where racing && (error is AWSServiceError || error is StackDeployError) {
            return .unknown
        }
        let removals = (plan.services?.actions ?? []).filter { $0.kind == .delete && $0.resource == .service }.map(\.name)
        try await Self.confirm(removals: removals + Self.dataLeftBehind(plan.infra), options)
        guard plan.infra?.hasChanges != true, plan.services?.changes.isEmpty != false else { return .confirmed }
        let outputs = try await quiet.stacks.observe(stackName: names.stack)?.outputs ?? [:]
        for note in notes.all { onEvent(.note(note)) }
        for action in plan.services?.actions ?? [] { onEvent(.services(.action(action, applied: false))) }
        return .unchanged(Result(infra: nil, infraOutcome: plan.infra == nil ? nil : .noChanges, services: plan.services, outputs: outputs))
    }

    /// This deployer with stack operations that read each stack once (`ObservedOnce`): for one plan.
    func readingStackOnce(onEvent: @escaping @Sendable (Event) -> Void) -> SiteDeployer {
        SiteDeployer(site: site, input: input, content: content, backend: backend, stacks: ObservedOnce(stacks), onEvent: onEvent)
    }

    /// A stack deployed in the other mode is refused unless `switchMode`: forgetting `--unified`
    /// once would otherwise plan to remove every service of a unified environment.
    static func checkMode(_ mode: DeployMode, of stack: ObservedStack?, names: Names, _ options: Options) throws {
        guard let deployed = stack?.mode, deployed != mode, !options.switchMode else { return }
        let flag = deployed == .unified ? "with --unified" : "without --unified"
        throw DeployError(
            "\(names.stack) was deployed \(deployed == .unified ? "as one stack (--unified)" : "in two layers"); this run would treat it as the other kind and remove its services",
            hint: "run it \(flag), or pass --switch-mode to convert the environment")
    }

    /// The volumes whose file system a plan stops using, as the confirmation names them: a
    /// renamed volume looks like a new, empty one, and the old data stays where the line says.
    package static func dataLeftBehind(_ plan: StackPlan?) -> [String] {
        (plan?.changes ?? []).filter(\.leavesDataBehind).map { change in
            "the file system \(change.physicalResourceId ?? change.logicalResourceId) of a volume no longer in the compose file (kept, unused; a renamed volume starts empty)"
        }
    }

    /// Removing a running service is confirmed as `down` confirms: a deploy is not expected to
    /// stop part of the site because a file lost a few lines.
    package static func confirm(removals: [String], _ options: Options) async throws {
        guard !removals.isEmpty, let confirm = options.confirmRemoval else { return }
        guard await confirm(removals) else {
            throw DeployError(
                "nothing was changed: this deploy would remove \(removals.joined(separator: "; ")), no longer in the compose file",
                hint: "confirm on a terminal or pass --yes to remove them, or put them back in the compose file")
        }
    }

    /// `body` under the environment's lock when `holder` is given.
    func locking<T: Sendable>(_ holder: LockHolder?, wait: Bool, _ body: () async throws -> T) async throws -> T {
        guard let holder else { return try await body() }
        return try await EnvironmentLock(backend: backend, names: names, waitForLock: wait, onEvent: onEvent).holding(holder, body)
    }

    func deployUnlocked(_ options: Options) async throws -> Result {
        try Self.checkMode(.layers, of: try await stacks.observe(stackName: names.stack), names: names, options)
        let account = try await backend.accountId()
        var result = Result(outputs: [:])
        // Services alone need the stack: say so before writing anything.
        if options.only == .services {
            _ = try await requireTarget(accountId: account)
        } else {
            try await CertificateCheck(input: input, backend: backend).run()
        }
        let repositories = try await ensureRepositories(apply: true)
        if options.only != .services {
            onEvent(.layer(.infra, "stack \(names.stack)"))
            let deployed = try await stacks.deploy(stack: try await stackRequest(accountId: account, upload: true), options: options.stack) {
                onEvent(.stack($0))
            }
            result.infraOutcome = deployed.outcome
            result.infraApplied = deployed.changes
            result.outputs = deployed.outputs
        }
        if options.only != .infra {
            onEvent(.layer(.services, "services"))
            let target = try await requireTarget(accountId: account)
            result.services = try await reconciler(target: target, apply: true, options: options).run()
        }
        result.services = ServicesPlan(actions: repositories + (result.services?.actions ?? []))
        return result
    }
}
