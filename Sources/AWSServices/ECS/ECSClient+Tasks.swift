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
}
