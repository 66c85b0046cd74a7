import DeployEngine
import Foundation
import StackTemplates

/// CloudFormation for the site workflows' unit tests: a stack is its last request, and what it
/// provides once deployed comes from `provides`, as AWS would make it from the template.
final class InMemoryStacks: StackOperations, @unchecked Sendable {
    private let lock = NSLock()
    private var deployed: [String: (request: StackRequest, observed: ObservedStack)] = [:]
    private var recorded: [String] = []
    private var observations = 0
    /// How often a stack was read (DescribeStacks and ListStackResources, on AWS).
    var observeCount: Int { lock.withLock { observations } }
    let provides: @Sendable (StackRequest) -> ObservedStack

    init(provides: @escaping @Sendable (StackRequest) -> ObservedStack) {
        self.provides = provides
    }

    /// Writes, in order: "create NAME", "update NAME", "delete NAME".
    var writes: [String] { lock.withLock { recorded } }
    func request(_ name: String) -> StackRequest? { lock.withLock { deployed[name]?.request } }

    func plan(stack: StackRequest, options: StackDeployOptions, onEvent: (DeployEvent) -> Void) async throws -> StackPlan {
        lock.withLock {
            guard let current = deployed[stack.name] else { return .create([]) }
            return current.request == stack ? .noChanges : .update([])
        }
    }

    func deploy(stack: StackRequest, options: StackDeployOptions, onEvent: (DeployEvent) -> Void) async throws -> StackDeployResult {
        var observed = provides(stack)
        observed.tags = stack.tags
        return lock.withLock {
            let outcome: StackDeployResult.Outcome
            switch deployed[stack.name]?.request {
            case nil: outcome = .created
            case stack?: outcome = .noChanges
            default: outcome = .updated
            }
            if outcome != .noChanges {
                recorded.append("\(outcome == .created ? "create" : "update") \(stack.name)")
                deployed[stack.name] = (stack, observed)
            }
            return StackDeployResult(stackName: stack.name, stackId: "id/\(stack.name)", outcome: outcome, changes: [], outputs: observed.outputs)
        }
    }

    func delete(stackName: String, onEvent: (DeployEvent) -> Void) async throws -> Bool {
        lock.withLock {
            guard deployed.removeValue(forKey: stackName) != nil else { return false }
            recorded.append("delete \(stackName)")
            return true
        }
    }

    func observe(stackName: String) async throws -> ObservedStack? {
        lock.withLock {
            observations += 1
            return deployed[stackName]?.observed
        }
    }
}

extension InMemoryStacks {
    /// What an infrastructure stack of `input` provides: every output the services layer reads,
    /// and a physical id for each file system, task role and target group (and `holding`'s).
    static func infrastructure(_ input: InfraStackInput, holding: [String: String] = [:]) -> InMemoryStacks {
        InMemoryStacks { request in
            var physical = holding
            // A kept file system or bucket comes in as a parameter and is no resource of the stack.
            for (index, volume) in input.volumes.enumerated()
            where request.parameters[StackLogicalID.keptFileSystemParameter(volume: volume.logicalId)] == nil {
                physical[StackLogicalID.fileSystem(volume: volume.logicalId)] = "fs-\(index + 1)"
            }
            let bucket = request.parameters[StackLogicalID.keptBackupBucketParameter]
            if bucket == nil { physical[StackLogicalID.backupBucket] = "\(input.names.stack)-backups" }
            for task in input.tasks {
                physical[StackLogicalID.taskRole(task: task.logicalId)] = "\(input.names.stack)-\(task.name)-role"
            }
            for service in input.services {
                for listener in service.listeners {
                    physical[InfraStack.targetGroupId(service: service, port: listener.containerPort)] =
                        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/\(service.name)/\(listener.containerPort)"
                }
            }
            let outputs: [StackOutput: String] = [
                .cluster: input.names.cluster, .subnets: "subnet-a,subnet-b", .servicesSecurityGroup: "sg-services",
                .logGroup: input.names.logGroup, .taskExecutionRoleArn: "arn:aws:iam::123456789012:role/exec",
                .namespace: "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1",
                .loadBalancerDNS: "\(input.names.stack)-1.us-east-1.elb.amazonaws.com", .backupBucket: bucket ?? "\(input.names.stack)-backups",
            ]
            return ObservedStack(
                outputs: Dictionary(uniqueKeysWithValues: outputs.map { ($0.rawValue, $1) }), physicalIds: physical, parameters: request.parameters)
        }
    }
}
