import AWSRuntime
import AWSServices
import ComposeModel
import Foundation

/// What `status` reads beyond the services: tasks, metrics and alarms, each in batched calls.
extension AWSServicesBackend {
    package func runningTasks(cluster: String) async throws -> [RunningTask] {
        let arns: [String]
        do {
            arns = try await ecs.listTasks(cluster: cluster, desiredStatus: .running).collect { $0 }
        } catch let error as AWSServiceError where error.isClusterNotFound {
            return []
        }
        var tasks: [RunningTask] = []
        for chunk in arns.chunked(100) {
            for task in try await ecs.describeTasks(cluster: cluster, tasks: chunk).tasks ?? [] {
                guard let group = task.group, group.hasPrefix("service:") else { continue }
                let size = Int(task.cpu ?? "").flatMap { cpu in Int(task.memory ?? "").map { FargateSize(cpu: cpu, memory: $0) } }
                var digests: [String: String] = [:]
                for container in task.containers ?? [] {
                    if let name = container.name, let digest = container.imageDigest { digests[name] = digest }
                }
                tasks.append(
                    RunningTask(
                        id: task.taskArn?.split(separator: "/").last.map(String.init) ?? "?", service: String(group.dropFirst("service:".count)),
                        size: size, digests: digests))
            }
        }
        return tasks
    }

    package func utilization(cluster: String, services: [String]) async throws -> [String: Utilization] {
        guard !services.isEmpty else { return [:] }
        var queries: [CloudWatchClient.MetricQuery] = []
        for (index, service) in services.enumerated() {
            for metric in ["CPUUtilization", "MemoryUtilization"] {
                queries.append(
                    .init(
                        id: "\(metric == "CPUUtilization" ? "cpu" : "memory")\(index)", namespace: "AWS/ECS", metric: metric,
                        dimensions: [("ClusterName", cluster), ("ServiceName", service)], statistic: "Average", period: 300))
            }
        }
        let end = Date()
        let results = try await CloudWatchClient(client).getMetricData(queries, start: end.addingTimeInterval(-900), end: end)
        var found: [String: Utilization] = [:]
        for (index, service) in services.enumerated() {
            // Newest first: the latest complete average.
            func latest(_ id: String) -> Double? { results.first { $0.Id == id }?.Values?.first }
            found[service] = Utilization(cpu: latest("cpu\(index)"), memory: latest("memory\(index)"))
        }
        return found
    }

    package func alarmStates(names: [String]) async throws -> [AlarmState] {
        guard !names.isEmpty else { return [] }
        return try await CloudWatchClient(client).describeAlarms(names: names).map {
            AlarmState(name: $0.AlarmName, state: $0.StateValue ?? "INSUFFICIENT_DATA", reason: $0.StateReason)
        }
    }
}
