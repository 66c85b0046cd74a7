import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

extension ServicesReconciler {
    /// Services built by Berth run from their ECR repository, pinned to the digest of the tag;
    /// images already named in ECR are pinned too, so a moved tag never changes what runs.
    /// The tags are read in one DescribeImages call per repository.
    func resolveImages() async throws -> [String: String] {
        var wanted: [(service: Service, repository: String, tag: String)] = []
        for service in selected {
            let reference = service.deployedImage
            if service.build != nil, let uri = target.repositories[service.name] {
                wanted.append((service, uri, service.builtImageTag))
            } else if let reference, Names.isECRTag(reference), let parsed = Self.splitTag(reference) {
                wanted.append((service, parsed.repository, parsed.tag))
            }
        }
        let digests = try await backend.imageDigests(
            Dictionary(wanted.map { ($0.repository, Set([$0.tag])) }, uniquingKeysWith: { $0.union($1) }))
        var images: [String: String] = [:]
        for (service, repository, tag) in wanted {
            if let digest = digests[repository]?[tag] {
                images[service.name] = "\(repository)@\(digest)"
            } else if service.build != nil {
                if options.apply {
                    throw DeployError(
                        "service \(service.name) is built from \(service.build?.context ?? ".") but \(repository):\(tag) is not in ECR",
                        hint: "build and push it first (docker build, then docker push \(repository):\(tag))")
                }
                progress(.note("\(service.name): \(repository):\(tag) is not in ECR yet; push it before deploying"))
                images[service.name] = "\(repository):\(tag)"
            }
        }
        return images
    }

    /// `repo/name:tag` → (`repo/name`, `tag`); a registry port is not a tag.
    static func splitTag(_ reference: String) -> (repository: String, tag: String)? {
        let withoutDigest = reference.split(separator: "@").first.map(String.init) ?? reference
        guard let colon = withoutDigest.lastIndex(of: ":"), !withoutDigest[colon...].contains("/") else {
            return (withoutDigest, "latest")
        }
        return (String(withoutDigest[..<colon]), String(withoutDigest[withoutDigest.index(after: colon)...]))
    }

    /// One per task, keyed by task name. Registers a revision only when the definition's hash differs from the newest one's.
    func reconcileTaskDefinitions(_ resolved: DesiredStateBuilder.Resolved, pendingAccessPoints: Set<String>, _ recorder: Recorder) async throws
        -> [String: String]
    {
        let results = try await selectedTasks.concurrentMap(limit: options.concurrency) { task -> (String, String) in
            let family = builder.family(task.name)
            let latest = try await backend.latestTaskDefinition(family: family)
            let waitsForAccessPoint = pendingAccessPoints.contains { key in task.memberNames.contains { AccessPointSpec.key(key, isOf: $0) } }
            if waitsForAccessPoint {
                record(recorder, PlannedAction(latest == nil ? .create : .update, .taskDefinition, family, "mounts a new access point"))
                return (task.name, latest?.arn ?? family)
            }
            let spec = try builder.taskDefinition(task, resolved: resolved)
            let hash = spec.tags?.first { $0.key == BerthTag.hash }?.value
            if let latest, latest.hash == hash {
                record(recorder, PlannedAction(.noChange, .taskDefinition, family, "unchanged (\(Self.revision(latest.arn)))"))
                return (task.name, latest.arn)
            }
            // Planning: the revision deploy would register, so the service's plan shows the
            // update it will make.
            var arn = latest.map { Self.nextRevision(of: $0.arn) } ?? family
            if options.apply { arn = try await backend.registerTaskDefinition(spec) }
            record(
                recorder,
                PlannedAction(latest == nil ? .create : .update, .taskDefinition, family, latest == nil ? "first revision" : "definition changed"))
            return (task.name, arn)
        }
        return Dictionary(results, uniquingKeysWith: { a, _ in a })
    }

    /// `…/family:7` → `…/family:8`: what RegisterTaskDefinition answers for the next revision.
    static func nextRevision(of arn: String) -> String {
        guard let colon = arn.lastIndex(of: ":"), let number = Int(arn[arn.index(after: colon)...]) else { return arn }
        return arn[...colon] + String(number + 1)
    }

    static func revision(_ arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }
}
