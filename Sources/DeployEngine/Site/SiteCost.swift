import AWSRuntime
import AWSServices
import ComposeModel
import Foundation
import StackTemplates

/// What `berth plan` says an environment costs a month, now and after the plan (see
/// `MonthlyCost` for what is counted). EFS storage is left out of both: a deploy does not change
/// what the volumes hold.
package struct CostChange: Sendable, Equatable, Encodable {
    /// As deployed; nil when nothing is.
    package var before: Double?
    package var after: Double
    package var prices = MonthlyCost.pricesAsOf

    package var change: Double? { before.map { after - $0 } }

    package init(before: Double?, after: Double) {
        self.before = before
        self.after = after
    }

    enum CodingKeys: String, CodingKey { case before, after, change, prices }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        func cents(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        try container.encodeIfPresent(before.map(cents), forKey: .before)
        try container.encode(cents(after), forKey: .after)
        try container.encodeIfPresent(change.map(cents), forKey: .change)
        try container.encode(prices, forKey: .prices)
    }

    /// `about $123.45 a month (now $100.00: +$23.45)`.
    package var text: String {
        var text = "about \(MonthlyCost.dollars(after)) a month"
        if let before, let change {
            text +=
                abs(change) < 0.005
                ? " (unchanged)" : " (now \(MonthlyCost.dollars(before)): \(change > 0 ? "+" : "-")\(MonthlyCost.dollars(abs(change))))"
        }
        return text + ", at \(prices); data transfer and EFS storage not included"
    }
}

extension MonthlyCost {
    /// An environment's bill from its tasks and the stack's shared parts: the load balancers,
    /// the NAT gateway behind private subnets, and the public IPv4 addresses they and the tasks
    /// in public subnets hold.
    package init(tasks: [TaskLine], loadBalancers: Int, input: InfraStackInput, publicTasks: Bool, storageBytes: Int64 = 0) {
        let nat = input.privateSubnets && input.existingVPC == nil ? 1 : 0
        let taskAddresses = publicTasks ? tasks.map(\.count).reduce(0, +) : 0
        // An internet-facing load balancer holds an address in each of its two zones; a NAT
        // gateway holds an Elastic IP.
        self.init(
            tasks: tasks, loadBalancers: loadBalancers, natGateways: nat, publicAddresses: taskAddresses + 2 * loadBalancers + nat,
            storageBytes: storageBytes)
    }
}

extension MonthlyCost.TaskLine {
    package init(task: SiteTask, size: FargateSize, count: Int) {
        self.init(name: task.name, size: size, count: count, arm: task.cpuArchitecture == "ARM64")
    }
}

package enum SiteCost {
    /// The environment as the compose file describes it.
    package static func planned(site: Site, input: InfraStackInput) -> MonthlyCost {
        let tasks = site.tasks.compactMap { task in task.fargateSize.map { MonthlyCost.TaskLine(task: task, size: $0, count: task.replicas) } }
        let ownBalancers =
            input.existingLoadBalancer == nil ? [!input.httpListeners.isEmpty, !input.networkListeners.isEmpty].filter { $0 }.count : 0
        return MonthlyCost(tasks: tasks, loadBalancers: ownBalancers, input: input, publicTasks: !input.privateSubnets)
    }

    /// The environment as deployed: each task's ECS service at its desired count and the size of
    /// the revision it runs (DescribeServices, then DescribeTaskDefinition per service), and the
    /// load balancers the stack reports. Nil when the stack is not deployed.
    package static func deployed(site: Site, input: InfraStackInput, client: AWSClient) async throws -> MonthlyCost? {
        guard let stack = try await CloudFormationClient(client).describeStack(input.names.stack), !stack.StackStatus.isDeleted else {
            return nil
        }
        let outputs = stack.outputValues
        guard let cluster = outputs[.cluster] else { return nil }
        let ecs = ECSClient(client)
        var tasks: [MonthlyCost.TaskLine] = []
        for service in try await ecs.describeServices(cluster: cluster, named: site.tasks.map(\.name))
        where service.status == .active && (service.desiredCount ?? 0) > 0 {
            guard let name = service.serviceName, let task = site.task(named: name), let arn = service.taskDefinition else { continue }
            let definition = try await ecs.describeTaskDefinition(arn, includeTags: false).taskDefinition
            guard let cpu = definition.cpu.flatMap(Int.init), let memory = definition.memory.flatMap(Int.init) else { continue }
            tasks.append(MonthlyCost.TaskLine(task: task, size: FargateSize(cpu: cpu, memory: memory), count: service.desiredCount ?? 0))
        }
        return MonthlyCost(
            tasks: tasks, loadBalancers: loadBalancers(outputs: outputs, input: input), input: input,
            publicTasks: outputs[.assignPublicIp] != "DISABLED")
    }

    /// The load balancers the deployed stack made (an existing one is not the site's cost).
    static func loadBalancers(outputs: [String: String], input: InfraStackInput) -> Int {
        input.existingLoadBalancer == nil ? [outputs[.loadBalancerDNS], outputs[.networkLoadBalancerDNS]].compactMap { $0 }.count : 0
    }
}
