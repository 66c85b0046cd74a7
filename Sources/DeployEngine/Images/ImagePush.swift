import ComposeModel
import Foundation
import StackTemplates

extension Service {
    /// The tag `deploy` runs a built service's image from: the tag of its `image:` (with
    /// `x-berth` `image_tag` applied), else `latest`.
    package var builtImageTag: String {
        deployedImage.flatMap(ServicesReconciler.splitTag)?.tag ?? "latest"
    }
}

/// What `berth push` builds and pushes, and the exact docker command lines for it. Pure: the CLI
/// runs the lines, tests read them.
package struct ImagePush: Sendable, Equatable {
    package var service: String
    package var repositoryURI: String
    /// The tag deploy runs (`builtImageTag`) and, in a Git checkout, the commit's.
    package var tags: [String]
    /// `linux/amd64` or `linux/arm64`, as the task definition's runtime platform.
    package var platform: String
    /// Absolute, or a Git/HTTP URL as compose allows.
    package var context: String
    /// Absolute; nil for the context's `Dockerfile`.
    package var dockerfile: String?
    /// `NAME=value`, or `NAME` alone to take it from the environment (as compose does).
    package var buildArgs: [String]
    package var target: String?

    package var references: [String] { tags.map { "\(repositoryURI):\($0)" } }

    /// One per built service of `only` (all when nil), in compose order.
    /// - Parameter commit: the project's Git commit (`git rev-parse --short=12 HEAD`, with `-dirty`
    ///   when the work tree has changes), or nil outside a checkout.
    package static func plan(
        site: Site, only: Set<String>?, names: Names, registry: (String) -> String, projectDirectory: String, commit: String?
    ) -> [ImagePush] {
        site.services.compactMap { service in
            guard let build = service.build, only?.contains(service.name) ?? true else { return nil }
            let context = Self.isRemote(build.context) ? build.context : Self.absolute(build.context, in: projectDirectory)
            let tags = [service.builtImageTag] + (commit.map { [$0] } ?? [])
            return ImagePush(
                service: service.name, repositoryURI: registry(service.name), tags: tags.uniqued(),
                platform: site.task(containing: service.name)?.buildPlatform ?? "linux/amd64", context: context,
                dockerfile: build.dockerfile.map { Self.isRemote(context) ? $0 : Self.absolute($0, in: context) },
                buildArgs: build.args.map { arg in arg.value.map { "\(arg.name)=\($0)" } ?? arg.name }, target: build.target)
        }
    }

    /// The docker command lines (arguments after `docker`): with buildx one build that pushes
    /// every tag; without it `docker build`, then a push per tag.
    package func commands(buildx: Bool) -> [[String]] {
        var build = buildx ? ["buildx", "build"] : ["build"]
        build += ["--platform", platform]
        if let dockerfile { build += ["--file", dockerfile] }
        for arg in buildArgs { build += ["--build-arg", arg] }
        if let target { build += ["--target", target] }
        for reference in references { build += ["--tag", reference] }
        // BuildKit's provenance attestation makes the pushed tag an index whose extra entry
        // shows in ECR as an untagged "unknown/unknown" image; Fargate needs none of it.
        if buildx { build += ["--provenance=false", "--push"] }
        build.append(context)
        return buildx ? [build] : [build] + references.map { ["push", $0] }
    }

    /// The registry host of the repository (what `docker login` and credential helpers are keyed by).
    package var registry: String { String(repositoryURI.prefix { $0 != "/" }) }

    static func isRemote(_ context: String) -> Bool {
        context.contains("://") || context.hasPrefix("git@") || context.hasSuffix(".git")
    }

    static func absolute(_ path: String, in directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }
}
