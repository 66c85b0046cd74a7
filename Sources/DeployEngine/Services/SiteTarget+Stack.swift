import AWSRuntime
import AWSServices
import StackTemplates

extension SiteTarget {
    /// Reads what the infrastructure stack made: its Outputs, and per-service and per-volume
    /// resources by logical id, following nested stacks. `nil` when the stack does not exist.
    public static func read(stack: String, input: InfraStackInput, client: AWSClient, accountId: String) async throws -> SiteTarget? {
        let cloudFormation = CloudFormationClient(client)
        guard let described = try await cloudFormation.describeStacks(name: stack).first,
            !described.StackStatus.isDeleted, described.StackStatus.rawValue != "REVIEW_IN_PROGRESS"
        else { return nil }
        let outputs = Dictionary((described.Outputs ?? []).map { ($0.OutputKey, $0.OutputValue ?? "") }, uniquingKeysWith: { a, _ in a })
        var physical: [String: String] = [:]
        var pending = [described.StackId ?? stack]
        while let next = pending.popLast() {
            for resource in try await cloudFormation.listStackResources(stackName: next).collect({ $0 }) {
                guard let id = resource.PhysicalResourceId else { continue }
                if resource.ResourceType == "AWS::CloudFormation::Stack" {
                    pending.append(id)
                } else {
                    physical[resource.LogicalResourceId] = id
                }
            }
        }
        func required(_ output: StackOutput) throws -> String {
            guard let value = outputs[output], !value.isEmpty else {
                throw DeployError(
                    "the stack \(stack) has no output \(output.rawValue)", hint: "run `berth deploy --only infra` to bring it up to date")
            }
            return value
        }
        var target = SiteTarget(
            stackName: stack, region: client.region, accountId: accountId, cluster: try required(.cluster),
            subnets: try required(.subnets).split(separator: ",").map(String.init), servicesSecurityGroup: try required(.servicesSecurityGroup),
            logGroup: try required(.logGroup), executionRoleArn: try required(.taskExecutionRoleArn),
            namespace: outputs[.namespace] == nil ? nil : input.names.namespace)
        target.assignPublicIp = outputs[.assignPublicIp] ?? "ENABLED"
        for volume in input.volumes {
            target.fileSystems[volume.name] = volume.externalFileSystem ?? physical[StackLogicalID.fileSystem(volume: volume.logicalId)]
        }
        for task in input.tasks {
            // IAM roles' physical id is the role name; tasks need the ARN.
            if let role = physical[StackLogicalID.taskRole(task: task.logicalId)] {
                target.taskRoles[task.name] = role.hasPrefix("arn:") ? role : "arn:aws:iam::\(accountId):role/\(role)"
            }
        }
        for service in input.services {
            for listener in service.listeners {
                if let group = physical[InfraStack.targetGroupId(service: service, port: listener.containerPort)] {
                    target.targetGroups[SiteTarget.targetGroupKey(service: service.name, port: listener.containerPort)] = group
                }
            }
            if service.hasRepository {
                target.repositories[service.name] = input.names.repositoryURI(service: service.name, account: accountId, region: client.region)
            }
        }
        return target
    }
}
