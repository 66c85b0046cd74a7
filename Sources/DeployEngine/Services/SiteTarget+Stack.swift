import AWSRuntime
import StackTemplates

extension SiteTarget {
    /// What the infrastructure stack made, from its Outputs and its per-service and per-volume
    /// resources by logical id (see `StackLogicalID`). Throws when an output the services layer
    /// needs is missing: the stack is from an older Berth, or its last update failed.
    package init(observed: ObservedStack, stack: String, input: InfraStackInput, accountId: String, region: String) throws {
        let outputs = observed.outputs
        let physical = observed.physicalIds
        func required(_ output: StackOutput) throws -> String {
            guard let value = outputs[output], !value.isEmpty else {
                throw DeployError(
                    "the stack \(stack) has no output \(output.rawValue)", hint: "run `berth deploy --only infra` to bring it up to date")
            }
            return value
        }
        self.init(
            stackName: stack, region: region, accountId: accountId, cluster: try required(.cluster),
            subnets: try required(.subnets).split(separator: ",").map(String.init), servicesSecurityGroup: try required(.servicesSecurityGroup),
            logGroup: try required(.logGroup), executionRoleArn: try required(.taskExecutionRoleArn),
            namespace: outputs[.namespace] == nil ? nil : input.names.namespace)
        assignPublicIp = outputs[.assignPublicIp] ?? "ENABLED"
        for volume in input.volumes {
            fileSystems[volume.name] =
                volume.externalFileSystem ?? physical[StackLogicalID.fileSystem(volume: volume.logicalId)]
                ?? observed.parameters[StackLogicalID.keptFileSystemParameter(volume: volume.logicalId)]
        }
        for task in input.tasks {
            // IAM roles' physical id is the role name; tasks need the ARN.
            if let role = physical[StackLogicalID.taskRole(task: task.logicalId)] {
                taskRoles[task.name] = role.hasPrefix("arn:") ? role : "arn:\(Partition.of(region: region).name):iam::\(accountId):role/\(role)"
            }
        }
        for service in input.services {
            for listener in service.listeners {
                if let group = physical[InfraStack.targetGroupId(service: service, port: listener.containerPort)] {
                    targetGroups[SiteTarget.targetGroupKey(service: service.name, port: listener.containerPort)] = group
                }
            }
            if service.hasRepository {
                repositories[service.name] = input.names.repositoryURI(
                    service: service.name, account: accountId, region: region, dnsSuffix: Partition.of(region: region).dnsSuffix)
            }
        }
    }
}
