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
            abstract: "Build the services that have build: with the local docker and push them to ECR.",
            discussion: """
                Each image is built for the platform its task runs on (linux/amd64, or linux/arm64 with \
                platform: linux/arm64), tagged with the tag deploy runs (image: ...:TAG, else latest) and the Git \
                commit, and pushed to <project>/<service> in ECR (created when missing). docker buildx is used \
                when installed. Docker gets the ECR login from Berth as a credential helper for this run only: \
                the token is never written to disk or shown. Then `berth refresh` (or deploy) runs the new images.

                Examples:
                  berth push --env prod                       every service with build:
                  berth push site --env prod                  only site
                  berth push --env prod && berth refresh --env prod
                """)

        @OptionGroup var globals: GlobalOptions

        @Argument(help: ArgumentHelp("Compose services to build and push (default: every one with build:).", valueName: "service"))
        var services: [String] = []

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
