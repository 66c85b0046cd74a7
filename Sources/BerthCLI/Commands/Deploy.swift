import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// The infrastructure stack, then the services layer, in one command.
    struct Deploy: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "deploy",
            abstract: "Deploy the site: the infrastructure stack, then the services.",
            discussion: """
                A second deploy with nothing changed makes no write call. Safe to interrupt and run again.

                Examples:
                  berth deploy --env dev                      both layers; asks before removing anything
                  berth deploy --env prod --only infra        the CloudFormation stack alone (then push images)
                  berth deploy --env prod --yes --output json for CI: no questions, the result as JSON
                """)

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var options: DeployOptions

        @Flag(help: "Do not wait: refuse if the stack is busy, and do not wait for services to become stable.")
        var noWait = false

        @Flag(name: .shortAndLong, help: "Do not ask before removing services that are no longer in the compose file; for scripts.")
        var yes = false

        func run(_ context: CommandContext) async throws {
            try options.checkUnified()
            let deployment = try await context.loadDeployment(pinningImages: true)
            try context.checkServiceNames(options.service, in: deployment.site)
            let progress = ProgressRenderer(printer: context.printer)
            var siteOptions = options.siteOptions(wait: !noWait, lock: .current(command: "deploy", environment: context.processEnvironment))
            let (yes, prompter) = (yes, context.prompter)
            siteOptions.confirmRemoval = { services in
                yes || prompter.confirm("Deploy removes \(services.joined(separator: "; ")), no longer in the compose file. Go on?")
            }
            let result =
                options.unified
                ? try await context.unifiedDeployer(deployment, progress: progress).deploy(siteOptions)
                : try await context.siteDeployer(deployment, progress: progress).deploy(siteOptions)
            let report = DeployReport(deployment: deployment, result: result)
            try context.printer.result(report) { report.text }
        }
    }
}

/// What a deploy or plan did, for text and JSON output.
struct DeployReport: Encodable {
    var stack: String
    var environment: String
    var infra: String?
    var infraChanges: [String]
    var services: [PlannedAction]
    var outputs: [String: String]
    /// The addresses that answer, one per published port.
    var urls: [String]
    /// Which service answers at each address.
    var addresses: [Address]

    struct Address: Encodable {
        var service: String
        var url: String
    }
    /// Public images and the digest their tag named, which the task definitions run.
    var images: [ImagePin]
    /// What the environment costs a month before and after a plan (`berth plan` only).
    var cost: CostChange?
    /// The `berth volume upload` line of each volume made from a host directory that this
    /// deploy created: it starts empty, and its files are still on the developer's disk.
    var uploads: [Upload]

    struct Upload: Encodable {
        var volume: String
        var command: String
    }

    init(deployment: Deployment, result: SiteDeployer.Result) {
        stack = deployment.names.stack
        environment = deployment.environmentName
        if let outcome = result.infraOutcome {
            infra =
                switch outcome {
                case .created: "created"
                case .updated: "updated"
                case .noChanges: "no changes"
                }
        } else if let plan = result.infra {
            infra =
                switch plan {
                case .create: "would create"
                case .update: "would update"
                case .noChanges: "no changes"
                }
        }
        infraChanges = (result.infra?.changes ?? []).map { change in
            var text = "\(Self.word(change.action)) \(change.logicalResourceId) (\(change.resourceType))"
            switch change.replacement {
            case .always: text += ", replaced"
            case .conditional: text += ", may be replaced"
            case .never, nil: break
            }
            if change.leavesDataBehind {
                text += ", kept with its data (\(change.physicalResourceId ?? "retained")) but no longer used: a renamed volume starts empty"
            }
            return text
        }
        services = result.services?.changes ?? []
        outputs = result.outputs
        addresses = deployment.infra.serviceAddresses(outputs: result.outputs).map { Address(service: $0.service, url: $0.address) }
        urls = addresses.map(\.url)
        images = deployment.pins
        uploads = Self.uploads(deployment: deployment, result: result)
    }

    static func uploads(deployment: Deployment, result: SiteDeployer.Result) -> [Upload] {
        guard let outcome = result.infraOutcome, outcome != .noChanges else { return [] }
        let added = Set((result.infraApplied + (result.infra?.changes ?? [])).filter { $0.action == .add }.map(\.logicalResourceId))
        let environment = deployment.site.environmentNames.isEmpty ? "" : " --env \(deployment.environmentName)"
        return deployment.site.volumes.compactMap { volume in
            guard let directory = volume.hostDirectory,
                let input = deployment.infra.ownedVolumes.first(where: { $0.name == volume.name }), input.keptFileSystem == nil,
                outcome == .created || added.contains(StackLogicalID.fileSystem(volume: input.logicalId))
            else { return nil }
            return Upload(volume: volume.name, command: NamedVolume.uploadCommand(volume: volume.name, directory: directory) + environment)
        }
    }

    static func word(_ action: PlannedResourceChange.Action) -> String {
        switch action {
        case .add: "add"
        case .modify: "modify"
        case .remove: "remove"
        case .import: "import"
        case .dynamic: "dynamic"
        case .other(let raw): raw.lowercased()
        }
    }

    var text: String {
        var lines: [String] = []
        if let infra { lines.append("infra (\(stack)): \(infra)") }
        lines += infraChanges.map { "  \($0)" }
        if services.isEmpty {
            lines.append("services: no changes")
        } else {
            lines.append("services:")
            lines += services.map { "  \($0.kind.rawValue) \($0.resource.rawValue) \($0.name): \($0.reason)" }
        }
        lines += images.map { "image: \($0.service) \($0.image) → \($0.digest)" }
        lines += addresses.map { "URL: \($0.url) (\($0.service))" }
        if let cost { lines.append("cost: " + cost.text) }
        lines += uploads.map { "volume \($0.volume) is new and empty; copy its files in with: \($0.command)" }
        return lines.joined(separator: "\n")
    }
}
