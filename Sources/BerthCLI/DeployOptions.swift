import ArgumentParser
import DeployEngine

/// The flags `deploy` and `plan` share: one set of options, so `plan` is `deploy` without apply.
struct DeployOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this layer: infra or services.", valueName: "layer"))
    var only: Layer?

    @Option(help: ArgumentHelp("Limit the services layer to this service (repeatable).", valueName: "name"))
    var service: [String] = []

    @Flag(help: "Delete and recreate an infrastructure stack whose creation failed (ROLLBACK_COMPLETE).")
    var recreate = false

    @Flag(help: "Resume the rollback of a stack in UPDATE_ROLLBACK_FAILED before updating it.")
    var continueUpdateRollback = false

    @Flag(help: "One CloudFormation stack with everything (see `berth template --unified`) instead of the two layers.")
    var unified = false

    @Flag(help: "When another deploy or down of the environment runs, wait for it instead of stopping.")
    var waitForLock = false

    @Flag(help: "Deploy an environment in the other mode (two layers or --unified) than it was deployed in.")
    var switchMode = false

    /// The single stack has no layers to pick from, and CloudFormation deploys all of it.
    /// Checked in `run` rather than `validate()`, so the exit status is Berth's bad-input 2.
    func checkUnified() throws {
        if unified && (only != nil || !service.isEmpty) {
            throw BadInputError(
                "--unified deploys one stack with everything; --only and --service do not apply", hint: "drop --only/--service, or --unified")
        }
    }

    enum Layer: String, ExpressibleByArgument {
        case infra, services
    }

    /// - Parameter lock: who takes the environment's lock (deploy); nil for `plan`, which writes nothing.
    func siteOptions(wait: Bool, lock: LockHolder? = nil) -> SiteDeployer.Options {
        var options = SiteDeployer.Options(
            only: only.map { $0 == .infra ? .infra : .services }, services: service.isEmpty ? nil : Set(service),
            stack: StackDeployOptions(recreate: recreate, waitForOtherOperations: wait, continueUpdateRollback: continueUpdateRollback),
            waitForServices: wait, lock: lock, waitForLock: waitForLock)
        options.switchMode = switchMode
        return options
    }
}
