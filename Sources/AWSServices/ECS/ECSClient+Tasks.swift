import AWSRuntime

extension ECSClient {
    /// Task ARNs; without `desiredStatus` AWS lists only tasks meant to run (`RUNNING`). Use `.stopped` for the failed ones.
    package func listTasks(cluster: String?, serviceName: String? = nil, desiredStatus: DesiredStatus? = nil) -> Paginator<[String]> {
        Paginator { token in
            let page: ListTasksOutput = try await client.json(
                Self.descriptor, operation: "ListTasks",
                input: ListTasksInput(cluster: cluster, serviceName: serviceName, desiredStatus: desiredStatus, nextToken: token),
                idempotent: true)
            return (page.taskArns ?? [], page.nextToken)
        }
    }

    /// Up to 100 tasks by ARN or id.
    package func describeTasks(cluster: String?, tasks: [String]) async throws -> DescribeTasksOutput {
        try await client.json(
            Self.descriptor, operation: "DescribeTasks", input: DescribeTasksInput(cluster: cluster, tasks: tasks), idempotent: true)
    }

    /// The tasks of a service that ECS means to run and that run now (`lastStatus` RUNNING),
    /// described in calls of 100.
    package func runningTasks(cluster: String, serviceName: String) async throws -> [Task] {
        let arns = try await listTasks(cluster: cluster, serviceName: serviceName, desiredStatus: .running).collect { $0 }
        var tasks: [Task] = []
        for start in stride(from: 0, to: arns.count, by: 100) {
            tasks += try await describeTasks(cluster: cluster, tasks: Array(arns[start..<min(start + 100, arns.count)])).tasks ?? []
        }
        return tasks.filter { $0.lastStatus == "RUNNING" }
    }
}
