import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

extension AWSServicesBackend {
    package func latestTaskDefinition(family: String) async throws -> ObservedTaskDefinition? {
        try await describedTaskDefinition(family)
    }

    package func taskDefinition(arn: String) async throws -> ObservedTaskDefinition? {
        try await describedTaskDefinition(arn)
    }

    /// DescribeTaskDefinition takes a family (its newest ACTIVE revision) or a revision's ARN.
    func describedTaskDefinition(_ reference: String) async throws -> ObservedTaskDefinition? {
        do {
            let described = try await ecs.describeTaskDefinition(reference, includeTags: true)
            guard described.taskDefinition.status != .inactive else { return nil }
            return ObservedTaskDefinition(
                arn: described.taskDefinition.taskDefinitionArn, hash: described.tags?.first { $0.key == BerthTag.hash }?.value,
                images: Dictionary(
                    (described.taskDefinition.containerDefinitions ?? []).compactMap { container in
                        container.name.flatMap { name in container.image.map { (name, $0) } }
                    }, uniquingKeysWith: { a, _ in a }))
        } catch let error as AWSServiceError where error.isTaskDefinitionNotFound || error.code == "ClientException" {
            return nil
        }
    }

    /// A repeat of RegisterTaskDefinition is a second revision, so the client never retries it
    /// blindly (`WriteSafety.reRead`). Here, after a failure that may have registered it (a 5xx,
    /// a lost answer), the family's newest revision is read: carrying this spec's `berth:hash`,
    /// it is the one; otherwise the register is sent again, a few times, as one run should finish.
    package func registerTaskDefinition(_ spec: TaskDefinitionSpec) async throws -> String {
        let hash = spec.tags?.first { $0.key == BerthTag.hash }?.value
        var attempt = 0
        while true {
            do {
                return try await ecs.registerTaskDefinition(spec).taskDefinitionArn
            } catch  where hash != nil && attempt < Self.reReadAttempts && RetryPolicy.isTransient(error) {
                attempt += 1
                try await Task.sleep(nanoseconds: UInt64(0.25 * pow(2, Double(attempt)) * 1e9))
                if let latest = try await latestTaskDefinition(family: spec.family), latest.hash == hash { return latest.arn }
            }
        }
    }

    /// How often a write that is re-read rather than retried is sent again in one run.
    static let reReadAttempts = 4

    package func taskDefinitionArns(family: String) async throws -> [String] {
        try await ecs.listTaskDefinitions(familyPrefix: family, status: .active, sort: "ASC").collect { $0 }
            .filter { $0.split(separator: "/").last?.split(separator: ":").first.map(String.init) == family }
    }

    package func deregisterTaskDefinition(arn: String) async throws {
        _ = try await ecs.deregisterTaskDefinition(arn)
    }

    package func services(cluster: String, names: [String]) async throws -> [ObservedService] {
        var found: [ObservedService] = []
        // DescribeServices takes at most 10 names.
        for chunk in names.chunked(10) {
            let output: ECSClient.DescribeServicesOutput
            do {
                output = try await ecs.describeServices(cluster: cluster, services: chunk, includeTags: true)
            } catch let error as AWSServiceError where error.isClusterNotFound {
                return []
            }
            found += (output.services ?? []).map(Self.observed)
        }
        return found
    }

    static func observed(_ service: ECSClient.Service) -> ObservedService {
        var observed = ObservedService(
            name: service.serviceName ?? "", arn: service.serviceArn ?? "", status: service.status ?? .active,
            taskDefinition: service.taskDefinition ?? "", desiredCount: service.desiredCount ?? 0, runningCount: service.runningCount ?? 0,
            hash: service.tags?.first { $0.key == BerthTag.hash }?.value,
            deployments: (service.deployments ?? []).map {
                .init(
                    id: $0.id ?? "", status: $0.status ?? .unknown(""), rolloutState: $0.rolloutState, rolloutStateReason: $0.rolloutStateReason,
                    taskDefinition: $0.taskDefinition ?? "", runningCount: $0.runningCount ?? 0, desiredCount: $0.desiredCount ?? 0)
            },
            events: (service.events ?? []).map { .init(id: $0.id ?? "", message: $0.message ?? "") })
        observed.pendingCount = service.pendingCount ?? 0
        return observed
    }

    /// Services of the cluster that carry this site's `berth:project` and `berth:environment` tags.
    package func siteServices(cluster: String, project: String, environment: String) async throws -> [String] {
        let arns: [String]
        do {
            arns = try await ecs.listServices(cluster: cluster).collect { $0 }
        } catch let error as AWSServiceError where error.isClusterNotFound {
            return []
        }
        let names = arns.compactMap { $0.split(separator: "/").last.map(String.init) }
        var found: [String] = []
        // DescribeServices takes at most 10 names.
        for chunk in names.chunked(10) {
            for service in try await ecs.describeServices(cluster: cluster, services: chunk, includeTags: true).services ?? [] {
                let tags = service.tags ?? []
                guard service.status == .active, tags.contains(where: { $0.key == BerthTag.project && $0.value == project }),
                    tags.contains(where: { $0.key == BerthTag.environment && $0.value == environment }), let name = service.serviceName
                else { continue }
                found.append(name)
            }
        }
        return found
    }

    package func createService(_ spec: ServiceSpec) async throws {
        var request = spec
        // A deterministic token makes a repeated create of the same service a no-op.
        request.clientToken = try "berth-" + String(DesiredStateBuilder.hash(spec.comparable).prefix(30))
        do {
            _ = try await ecs.createService(request)
        } catch let error as AWSServiceError where error.isServiceCreationNotIdempotent {
            // Created by an earlier attempt whose answer was lost.
        }
    }

    package func updateService(_ spec: ServiceSpec, forceNewDeployment: Bool, retag: Bool) async throws {
        let updated = try await ecs.updateService(spec.update(forceNewDeployment: forceNewDeployment))
        if retag, let tags = spec.tags, let arn = updated.serviceArn {
            try await ecs.tagResource(arn: arn, tags: tags)
        }
    }

    package func restartService(cluster: String, name: String) async throws {
        _ = try await ecs.updateService(.init(cluster: cluster, service: name, forceNewDeployment: true))
    }

    package func scaleService(cluster: String, name: String, desiredCount: Int) async throws {
        _ = try await ecs.updateService(.init(cluster: cluster, service: name, desiredCount: desiredCount))
    }

    package func deleteService(cluster: String, name: String) async throws {
        do {
            _ = try await ecs.deleteService(cluster: cluster, service: name, force: true)
        } catch let error as AWSServiceError where error.isServiceNotFound || error.isServiceNotActive {}
    }

    package func liveTaskCount(cluster: String) async throws -> Int {
        do {
            return try await ecs.listTasks(cluster: cluster, desiredStatus: .running).collect { $0 }.count
        } catch let error as AWSServiceError where error.isClusterNotFound {
            return 0
        }
    }

    package func stoppedTasks(cluster: String, service: String) async throws -> [ObservedTask] {
        let arns = try await ecs.listTasks(cluster: cluster, serviceName: service, desiredStatus: .stopped).collect { $0 }
        guard !arns.isEmpty else { return [] }
        let tasks = try await ecs.describeTasks(cluster: cluster, tasks: Array(arns.prefix(10))).tasks ?? []
        return tasks.map { task in
            ObservedTask(
                id: task.taskArn?.split(separator: "/").last.map(String.init) ?? "?", stoppedReason: task.stoppedReason,
                containers: (task.containers ?? []).map { (name: $0.name ?? "?", exitCode: $0.exitCode, reason: $0.reason) })
        }
    }

    package func logTail(group: String, streamPrefix: String, lines: Int) async throws -> [String] {
        let start = Int((Date().timeIntervalSince1970 - 3600) * 1000)
        do {
            let events = try await logs.filterLogEvents(groupName: group, streamNamePrefix: streamPrefix, startTime: start).collect { $0 }
            return events.suffix(lines).compactMap(\.message).map { $0.trimmingCharacters(in: .newlines) }
        } catch let error as AWSServiceError where error.isResourceNotFound {
            return []
        }
    }

    // MARK: Autoscaling

    package func scaling(resourceId: String) async throws -> ObservedScaling? {
        guard let target = try await scaling.describeScalableTargets(resourceIds: [resourceId]).collect({ $0 }).first else { return nil }
        let policies = try await scaling.describeScalingPolicies(resourceId: resourceId).collect { $0 }
        return ObservedScaling(
            min: target.MinCapacity, max: target.MaxCapacity,
            policies: Dictionary(
                policies.compactMap { policy in policy.TargetTrackingScalingPolicyConfiguration.map { (policy.PolicyName, $0.TargetValue) } },
                uniquingKeysWith: { a, _ in a }))
    }

    package func putScaling(_ spec: ScalingSpec) async throws {
        try await scaling.registerScalableTarget(resourceId: spec.resourceId, minCapacity: spec.min, maxCapacity: spec.max)
        for policy in spec.policies {
            _ = try await scaling.putTargetTrackingPolicy(
                name: policy.name, resourceId: spec.resourceId,
                configuration: .init(TargetValue: policy.target, PredefinedMetricSpecification: .init(PredefinedMetricType: policy.metric)))
        }
    }
}
