import AWSRuntime
import ComposeModel
import Foundation
import StackTemplates

extension SiteDeployer {
    /// `berth push`: what to build and where to push it. The repositories are the project's and
    /// made through the API, as `deploy` makes them: a missing one is created here, so a first
    /// push needs no deploy before it. Returns the pushes and the repositories created.
    package func imagePushes(only: Set<String>?, projectDirectory: String, commit: String?) async throws -> (
        pushes: [ImagePush], created: [String]
    ) {
        let account = try await backend.accountId()
        let region = backend.region
        let pushes = ImagePush.plan(
            site: site, only: only, names: names,
            registry: { names.repositoryURI(service: $0, account: account, region: region, dnsSuffix: Partition.of(region: region).dnsSuffix) },
            projectDirectory: projectDirectory, commit: commit)
        guard !pushes.isEmpty else { return ([], []) }
        let created = try await ensureRepositories(apply: true).filter { $0.kind == .create }.map(\.name)
        return (pushes, created)
    }

    /// The digest each push's first tag names in ECR now (read after the push, from ECR itself).
    package func pushedDigests(_ pushes: [ImagePush]) async throws -> [String: String] {
        let found = try await backend.imageDigests(
            Dictionary(pushes.map { ($0.repositoryURI, Set($0.tags)) }, uniquingKeysWith: { $0.union($1) }))
        var digests: [String: String] = [:]
        for push in pushes {
            if let tag = push.tags.first, let digest = found[push.repositoryURI]?[tag] { digests[push.service] = digest }
        }
        return digests
    }
}
