import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import SigV4
import StackTemplates

/// One command's worth of work on a site: the infrastructure stack, then the services layer,
/// with one stream of progress events. `plan` runs the same path without changing anything.
public struct SiteDeployer: Sendable {
    public enum Layer: String, Sendable, CaseIterable {
        case infra, services
    }

    public enum Event: Sendable, Equatable {
        case layer(Layer, String)
        case stack(DeployEvent)
        case services(ServicesEvent)
        case note(String)
    }

    public struct Options: Sendable {
        public var only: Layer?
        public var services: Set<String>?
        public var stack: StackDeployOptions
        public var waitForServices: Bool
        public var servicesWaiter: Waiter

        public init(
            only: Layer? = nil, services: Set<String>? = nil, stack: StackDeployOptions = .init(), waitForServices: Bool = true,
            servicesWaiter: Waiter = Waiter(minDelay: 2, maxDelay: 10, timeout: 1800)
        ) {
            self.only = only
            self.services = services
            self.stack = stack
            self.waitForServices = waitForServices
            self.servicesWaiter = servicesWaiter
        }
    }

    public struct Result: Sendable, Equatable {
        public var infra: StackPlan?
        public var infraOutcome: StackDeployResult.Outcome?
        public var services: ServicesPlan?
        public var outputs: [String: String]
    }

    let site: Site
    let input: InfraStackInput
    let content: ContentReader
    let backend: any SiteBackend
    let stacks: any StackOperations
    let onEvent: @Sendable (Event) -> Void

    /// A deployer over any backend and stack operations: the in-memory ones of the tests, or AWS.
    public init(
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
    public init(
        client: AWSClient, site: Site, input: InfraStackInput, processEnvironment: [String: String], stackWaiter: Waiter = Waiter(),
        onEvent: @escaping @Sendable (Event) -> Void
    ) {
        self.init(
            site: site, input: input, content: ContentReader(environment: processEnvironment), backend: AWSServicesBackend(client: client),
            stacks: StackDeployer(client: client, waiter: stackWaiter), onEvent: onEvent)
    }

    var names: Names { input.names }

    /// The stack request, uploading nested templates first when the site needs them.
    func stackRequest(accountId: String, upload: Bool) async throws -> StackRequest {
        let files = InfraStack(input).renderAll()
        var parameters = try await backend.networkParameters(for: input)
        if files.count > 1 {
            let bucket = TemplateUploader.bucketName(account: accountId, region: backend.region)
            let digest = sha256Hex(Data(files.map(\.yaml).joined().utf8)).prefix(16)
            let prefix = "cloudformation/\(names.stack)/nested-\(digest)"
            parameters[NestedStacks.artifactsParameter] = "https://s3.\(backend.region).amazonaws.com/\(bucket)/\(prefix)"
            if upload {
                try await backend.uploadTemplates(files.dropFirst().map { ("\(prefix)/\($0.fileName)", $0.yaml) }, bucket: bucket)
            }
        }
        return .site(names, templateBody: files.first?.yaml ?? "", parameters: parameters)
    }

    /// What the infrastructure stack provides the services layer; `nil` before it exists.
    func readTarget(accountId: String) async throws -> SiteTarget? {
        guard let observed = try await stacks.observe(stackName: names.stack) else { return nil }
        return try SiteTarget(observed: observed, stack: names.stack, input: input, accountId: accountId, region: backend.region)
    }

    func reconciler(target: SiteTarget, apply: Bool, options: Options) -> ServicesReconciler {
        ServicesReconciler(
            backend: backend,
            builder: DesiredStateBuilder(site: site, target: target, names: names, content: content),
            options: .init(apply: apply, services: options.services, waitForStability: options.waitForServices, waiter: options.servicesWaiter),
            progress: { onEvent(.services($0)) })
    }

    /// Both layers' changes; changes nothing.
    public func plan(_ options: Options = Options()) async throws -> Result {
        let account = try await backend.accountId()
        var result = Result(outputs: [:])
        if options.only != .services {
            onEvent(.layer(.infra, "planning stack \(names.stack)"))
            result.infra = try await stacks.plan(stack: try await stackRequest(accountId: account, upload: false), options: options.stack) {
                onEvent(.stack($0))
            }
        }
        if options.only != .infra {
            onEvent(.layer(.services, "planning services"))
            if let target = try await readTarget(accountId: account),
                result.infra?.hasChanges != true
            {
                result.services = try await reconciler(target: target, apply: false, options: options).run()
            } else {
                result.services = ServicesPlan(
                    actions: site.services.filter { options.services?.contains($0.name) ?? true }.map {
                        PlannedAction(.create, .service, $0.name, "after the infrastructure stack is deployed")
                    })
            }
        }
        return result
    }

    public func deploy(_ options: Options = Options()) async throws -> Result {
        let account = try await backend.accountId()
        var result = Result(outputs: [:])
        if options.only != .services {
            onEvent(.layer(.infra, "stack \(names.stack)"))
            let deployed = try await stacks.deploy(stack: try await stackRequest(accountId: account, upload: true), options: options.stack) {
                onEvent(.stack($0))
            }
            result.infraOutcome = deployed.outcome
            result.outputs = deployed.outputs
        }
        if options.only != .infra {
            onEvent(.layer(.services, "services"))
            guard let target = try await readTarget(accountId: account) else {
                throw DeployError(
                    "the infrastructure stack \(names.stack) does not exist yet", hint: "run `berth deploy` without --only services first")
            }
            result.services = try await reconciler(target: target, apply: true, options: options).run()
        }
        return result
    }
}
