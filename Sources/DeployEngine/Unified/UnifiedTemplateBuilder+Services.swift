import AWSServices
import ComposeModel
import StackTemplates

extension UnifiedTemplateBuilder {
    /// The services layer's task definitions, as template properties.
    func taskDefinitionResources(_ builder: DesiredStateBuilder) throws -> [Resource] {
        try site.tasks.map { task in
            let definition = try builder.desiredTaskDefinition(task, resolved: resolved)
            let readOnly = definition.containers.allSatisfy(\.readonlyRootFilesystem)
            let writable = task.members.filter { !$0.readOnlyRootFilesystem }.map(\.name).joined(separator: ", ")
            return Resource(
                StackLogicalID.taskDefinition(task: taskId(task)), "AWS::ECS::TaskDefinition", definition.cloudFormationProperties,
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

    /// The services layer's services, as template properties. A service waits for what its
    /// tasks need at start and nothing refers to: the listeners of its target groups (a target
    /// group must belong to a load balancer first), its mount policy, its volumes' mount targets,
    /// the Service Connect namespace (taken by name), its subnets' routes (without them a task
    /// cannot pull its image), and the services it `depends_on`: CloudFormation creates an ECS
    /// service only once it is stable, and Service Connect reaches only services that existed
    /// when a task started.
    func serviceResources(_ builder: DesiredStateBuilder, infra: Template, policies: [Owned]) -> [Resource] {
        var resources: [Resource] = []
        for task in site.tasks {
            let id = taskId(task)
            let service = builder.desiredService(task, taskDefinition: .ref(StackLogicalID.taskDefinition(task: id)))
            let volumes = Set(task.members.flatMap(\.mounts).filter { $0.kind == .volume }.compactMap(\.source).map { "volume:\($0)" })
            let owners = Set(task.memberNames.map { "service:\($0)" })
            var dependsOn = infra.resources.filter {
                ($0.type == "AWS::ElasticLoadBalancingV2::Listener" && $0.owner.map(owners.contains) == true)
                    || ($0.type == "AWS::EFS::MountTarget" && $0.owner.map(volumes.contains) == true)
            }.map(\.logicalId)
            dependsOn += policies.filter { $0.service == task.name }.map(\.resource.logicalId)
            if infra.resource("Namespace") != nil { dependsOn.append("Namespace") }
            dependsOn += stack.infra.taskRoutes
            dependsOn += site.taskDependencies(of: task).keys.sorted().compactMap { name in
                site.tasks.first { $0.name == name }.map { StackLogicalID.service(task: taskId($0)) }
            }
            var skipped: [SkippedCheck] = []
            if service.assignPublicIp == "ENABLED" {
                skipped.append(
                    SkippedCheck(
                        "CKV_AWS_333",
                        "Tasks in public subnets need a public IP to reach ECR; set x-berth private_subnets to run them behind a NAT gateway."))
            }
            resources.append(
                Resource(
                    StackLogicalID.service(task: id), "AWS::ECS::Service", service.cloudFormationProperties, dependsOn: dependsOn,
                    skippedChecks: skipped,
                    owner: "service:\(task.name)"))
        }
        return resources
    }

    /// Target tracking for services with `x-aws-autoscaling`. Application Auto Scaling uses its
    /// service-linked role when no `RoleARN` is given.
    func scalingResources(_ builder: DesiredStateBuilder) -> [Resource] {
        var resources: [Resource] = []
        for task in site.tasks {
            guard let scaling = builder.desiredScaling(task) else { continue }
            let id = taskId(task)
            resources.append(
                Resource(
                    "ScalableTarget\(id)", "AWS::ApplicationAutoScaling::ScalableTarget",
                    [
                        "ServiceNamespace": "ecs", "ScalableDimension": "ecs:service:DesiredCount",
                        "ResourceId": scaling.resourceId.template, "MinCapacity": .int(scaling.min), "MaxCapacity": .int(scaling.max),
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
