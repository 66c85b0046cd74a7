import AWSServices
import ComposeModel
import StackTemplates

extension UnifiedTemplateBuilder {
    /// The services layer's task definitions, converted. The `berth:hash` tag is left out: it is
    /// how the API mode detects a change, and CloudFormation compares properties itself.
    mutating func taskDefinitionResources(_ builder: DesiredStateBuilder) throws -> [Resource] {
        let properties = CloudFormationProperties(placeholders: placeholders)
        return try site.tasks.map { task in
            var spec = try builder.taskDefinition(task, resolved: resolved)
            spec.tags?.removeAll { $0.key == BerthTag.hash }
            let readOnly = spec.containerDefinitions.allSatisfy { $0.readonlyRootFilesystem == true }
            let writable = task.members.filter { !$0.readOnlyRootFilesystem }.map(\.name).joined(separator: ", ")
            return Resource(
                StackLogicalID.taskDefinition(task: taskId(task)), "AWS::ECS::TaskDefinition", try properties.properties(spec),
                skippedChecks: readOnly
                    ? []
                    : [
                        SkippedCheck(
                            "CKV_AWS_336",
                            "The compose file does not set read_only for \(writable): its image may write to its own file system, as under docker compose."
                        )
                    ],
                owner: "service:\(task.name)")
        }
    }

    /// The services layer's CreateService input, converted. A service waits for what its tasks
    /// need at start and nothing refers to: the listeners of its target groups (a target group
    /// must belong to a load balancer first), its mount policy, its volumes' mount targets and
    /// the Service Connect namespace (taken by name).
    mutating func serviceResources(_ builder: DesiredStateBuilder, infra: Template, policies: [Owned]) throws -> [Resource] {
        var resources: [Resource] = []
        for task in site.tasks {
            let id = taskId(task)
            var spec = try builder.serviceSpec(task, taskDefinition: placeholders.ref(StackLogicalID.taskDefinition(task: id)))
            spec.tags?.removeAll { $0.key == BerthTag.hash }
            spec.clientToken = nil
            let properties = try CloudFormationProperties(placeholders: placeholders).properties(spec)
            let volumes = Set(task.members.flatMap(\.mounts).filter { $0.kind == .volume }.compactMap(\.source).map { "volume:\($0)" })
            let owners = Set(task.memberNames.map { "service:\($0)" })
            var dependsOn = infra.resources.filter {
                ($0.type == "AWS::ElasticLoadBalancingV2::Listener" && $0.owner.map(owners.contains) == true)
                    || ($0.type == "AWS::EFS::MountTarget" && $0.owner.map(volumes.contains) == true)
            }.map(\.logicalId)
            dependsOn += policies.filter { $0.service == task.name }.map(\.resource.logicalId)
            if infra.resource("Namespace") != nil { dependsOn.append("Namespace") }
            var skipped: [SkippedCheck] = []
            if spec.networkConfiguration?.awsvpcConfiguration?.assignPublicIp == "ENABLED" {
                skipped.append(
                    SkippedCheck(
                        "CKV_AWS_333",
                        "Tasks in public subnets need a public IP to reach ECR; set x-berth private_subnets to run them behind a NAT gateway."))
            }
            resources.append(
                Resource(
                    StackLogicalID.service(task: id), "AWS::ECS::Service", properties, dependsOn: dependsOn, skippedChecks: skipped,
                    owner: "service:\(task.name)"))
        }
        return resources
    }

    /// Target tracking for services with `x-aws-autoscaling`. Application Auto Scaling uses its
    /// service-linked role when no `RoleARN` is given.
    mutating func scalingResources(_ builder: DesiredStateBuilder) throws -> [Resource] {
        var resources: [Resource] = []
        for task in site.tasks {
            guard let scaling = try builder.scaling(task) else { continue }
            let id = taskId(task)
            resources.append(
                Resource(
                    "ScalableTarget\(id)", "AWS::ApplicationAutoScaling::ScalableTarget",
                    [
                        "ServiceNamespace": "ecs", "ScalableDimension": "ecs:service:DesiredCount",
                        "ResourceId": placeholders.value(of: scaling.resourceId), "MinCapacity": .int(scaling.min), "MaxCapacity": .int(scaling.max),
                    ], dependsOn: [StackLogicalID.service(task: id)], owner: "service:\(task.name)"))
            for policy in scaling.policies {
                let target: TemplateValue = policy.target.rounded() == policy.target ? .int(Int(policy.target)) : .string(String(policy.target))
                resources.append(
                    Resource(
                        "ScalingPolicy\(id)\(policy.metric.contains("Memory") ? "Memory" : "CPU")", "AWS::ApplicationAutoScaling::ScalingPolicy",
                        [
                            "PolicyName": .string(policy.name), "PolicyType": "TargetTrackingScaling", "ScalingTargetId": .ref("ScalableTarget\(id)"),
                            "TargetTrackingScalingPolicyConfiguration": [
                                "PredefinedMetricSpecification": ["PredefinedMetricType": .string(policy.metric)], "TargetValue": target,
                            ],
                        ], owner: "service:\(task.name)"))
            }
        }
        return resources
    }

    func taskId(_ task: SiteTask) -> String {
        taskIds[task.name] ?? LogicalIDs.camel(task.name)
    }

    func serviceId(_ service: Service) -> String {
        serviceIds[service.name] ?? LogicalIDs.camel(service.name)
    }
}
