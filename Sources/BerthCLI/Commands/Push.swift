import AWSRuntime
import AWSServices
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// Builds the services that have `build:` with the local docker and pushes them to the
    /// project's ECR repositories, tagged as `deploy` runs them and with the Git commit.
    struct Push: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "push",
            abstract: "Build the services that have build: (with the local docker, or on CodeBuild) and push them to ECR.",
            discussion: """
                Each image is built for the platform its task runs on (linux/amd64, or linux/arm64 with \
                platform: linux/arm64), tagged with the tag deploy runs (image: ...:TAG, else latest) and the Git \
                commit, and pushed to <project>/<service> in ECR (created when missing). docker buildx is used \
                when installed. Docker gets the ECR login from Berth as a credential helper for this run only: \
                the token is never written to disk or shown. Then `berth refresh` (or deploy) runs the new images.

                With --remote, no Docker engine is needed: the build context (what docker build would send, \
                .dockerignore honoured) is zipped to the berth-artifacts bucket, and the environment's CodeBuild \
                project (part of the infrastructure stack, so deploy once first) builds and pushes it; its log \
                streams here.

                Examples:
                  berth push --env prod                       every service with build:
                  berth push site --env prod                  only site
                  berth push --remote --env prod              build on CodeBuild instead of the local docker
                  berth push --env prod && berth refresh --env prod
                """)

        @OptionGroup var globals: GlobalOptions

        @Argument(help: ArgumentHelp("Compose services to build and push (default: every one with build:).", valueName: "service"))
        var services: [String] = []

        @Flag(help: "Build on the environment's CodeBuild project instead of the local docker (no Docker engine needed).")
        var remote = false

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment()
            try context.checkServiceNames(services, in: deployment.site)
            let site = deployment.site
            let only = services.isEmpty ? nil : Set(services)
            if let only, let unbuilt = site.services.first(where: { only.contains($0.name) && $0.build == nil }) {
                throw BadInputError(
                    "service \(unbuilt.name) has no build: section; there is nothing of it to push", hint: "name services with build:")
            }
            guard site.services.contains(where: { $0.build != nil }) else {
                throw BadInputError(
                    "no service of \(site.projectName) has a build: section",
                    hint: "push builds images from build:; image: ones are pulled as they are")
            }
            if remote { return try await pushRemotely(context, deployment: deployment, only: only) }
            guard var docker = DockerCLI(environment: context.processEnvironment) else {
                throw BadInputError(
                    "docker is not installed (not on PATH)", hint: "install Docker (the docker CLI and an engine), then run berth push again")
            }
            guard docker.engineAnswers else {
                throw DeployError(
                    "no Docker engine answers (`docker version` cannot reach the server)",
                    hint: "start Docker (or set DOCKER_HOST), then run berth push again")
            }
            let deployer = try context.siteDeployer(deployment, progress: ProgressRenderer(printer: context.printer))
            let (pushes, created) = try await deployer.imagePushes(
                only: only, projectDirectory: site.projectDirectory,
                commit: Self.commit(in: site.projectDirectory, environment: context.processEnvironment))
            for name in created { context.printer.progress("created repository \(name)") }
            let buildx = docker.hasBuildx
            let login = try RegistryLoginConfig(
                registries: pushes.map(\.registry).uniqued(), berth: RegistryLoginConfig.currentExecutable, environment: context.processEnvironment)
            defer { login.remove() }
            docker.environment = login.environment(context.processEnvironment)
            for push in pushes {
                context.printer.progress("\(push.service): building for \(push.platform) → \(push.references.joined(separator: ", "))")
                for command in push.commands(buildx: buildx) {
                    let status = try docker.run(command, directory: site.projectDirectory)
                    guard status == 0 else {
                        throw DeployError(
                            "docker \(command.prefix(2).joined(separator: " ")) for service \(push.service) failed (exit \(status))",
                            hint: "docker's output is above; fix the cause and run berth push again")
                    }
                }
            }
            try await report(pushes, deployer: deployer, context)
        }

        /// Builds each image on CodeBuild, one after the other, its log streaming to stderr.
        func pushRemotely(_ context: CommandContext, deployment: Deployment, only: Set<String>?) async throws {
            let site = deployment.site
            let deployer = try context.siteDeployer(deployment, progress: ProgressRenderer(printer: context.printer))
            let (pushes, created) = try await deployer.imagePushes(
                only: only, projectDirectory: site.projectDirectory,
                commit: Self.commit(in: site.projectDirectory, environment: context.processEnvironment))
            for name in created { context.printer.progress("created repository \(name)") }
            let session = try context.awsSession(siteRegion: site.region)
            let builds = RemoteImageBuilds(
                client: session.client, names: deployment.names, accountId: try await STSClient(session.client).accountId())
            let printer = context.printer
            for push in pushes {
                printer.progress("\(push.service): building for \(push.platform) on CodeBuild → \(push.references.joined(separator: ", "))")
                try await builds.run(
                    push, environment: context.processEnvironment, progress: { printer.progress("  \(push.service): \($0)") },
                    line: { printer.progress("    | " + $0) })
            }
            try await report(pushes, deployer: deployer, context)
        }

        /// The digests the pushed tags name in ECR now; exit 1 when one is missing.
        func report(_ pushes: [ImagePush], deployer: SiteDeployer, _ context: CommandContext) async throws {
            let digests = try await deployer.pushedDigests(pushes)
            let report = PushReport(
                images: pushes.map { PushReport.Image(service: $0.service, references: $0.references, digest: digests[$0.service]) })
            try context.printer.result(report) { report.text }
            if digests.count < pushes.count { throw ReportedFailure(.failure) }
        }

        /// The commit tag: `git rev-parse --short=12 HEAD`, with `-dirty` when the work tree has
        /// changes (the image then holds more than the commit); nil outside a Git checkout.
        static func commit(in directory: String, environment: [String: String]) -> String? {
            guard let git = ChildProcess.find("git", path: environment["PATH"] ?? ""),
                let head = ChildProcess.output(git, ["rev-parse", "--short=12", "HEAD"], directory: directory), !head.isEmpty
            else { return nil }
            let changes = ChildProcess.output(git, ["status", "--porcelain", "--untracked-files=no"], directory: directory) ?? ""
            return changes.isEmpty ? head : head + "-dirty"
        }
    }
}

/// What `push` pushed, for text and JSON output.
struct PushReport: Encodable {
    struct Image: Encodable {
        var service: String
        var references: [String]
        /// What the tags name in ECR after the push; nil when ECR does not have it.
        var digest: String?
    }

    var images: [Image]

    var text: String {
        images.map { image in
            "pushed \(image.service): \(image.references.joined(separator: ", ")) → \(image.digest ?? "not found in ECR after the push")"
        }.joined(separator: "\n")
    }
}
