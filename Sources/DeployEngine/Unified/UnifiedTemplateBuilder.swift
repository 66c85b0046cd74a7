import ComposeModel
import StackTemplates

/// Builds one `UnifiedStack` template: the target of references, the parameters, then the
/// services layer's resources appended to the infrastructure template.
struct UnifiedTemplateBuilder {
    let stack: UnifiedStack
    var parameters: [(String, TemplateValue)] = []
    var imageParameters: [String: String] = [:]
    var secretParameters: [String: String] = [:]
    var resolved = DesiredStateBuilder.Resolved()
    let serviceIds: [String: String]
    /// Task name → logical id (a single service's task has the service's).
    let taskIds: [String: String]
    let volumeIds: [String: String]

    init(stack: UnifiedStack) {
        self.stack = stack
        serviceIds = Dictionary(stack.input.services.map { ($0.name, $0.logicalId) }, uniquingKeysWith: { a, _ in a })
        taskIds = Dictionary(stack.input.tasks.map { ($0.name, $0.logicalId) }, uniquingKeysWith: { a, _ in a })
        volumeIds = Dictionary(stack.input.volumes.map { ($0.name, $0.logicalId) }, uniquingKeysWith: { a, _ in a })
    }

    var names: Names { stack.names }
    var site: Site { stack.site }

    mutating func build() throws -> UnifiedStack.Rendered {
        // Repositories are the project's, made through the API (see `ProjectRepositories`).
        var template = stack.infra.template()
        template.description =
            "Berth single-template stack for \(names.project) (\(names.environment)): the infrastructure and the services, access points, task definitions and autoscaling."
        let builder = DesiredStateBuilder(site: site, target: targetIds(), names: names, content: stack.content)
        addImageParameters()
        addSecretParameters()
        let configs = try configParameters(builder.target)
        let accessPoints = try accessPointResources(builder)
        let policies = mountPolicies(builder)
        let taskDefinitions = try taskDefinitionResources(builder)
        let services = serviceResources(builder, infra: template, policies: policies)
        template.parameters += parameters.map { (name: $0.0, value: $0.1) }
        template.sections += [
            TemplateSection("SSM parameters: the contents of config files (configs are not secrets)", configs),
            TemplateSection("EFS access points, one per (service, named volume) mount", accessPoints.map(\.resource)),
            TemplateSection("IAM: each task role may mount its volumes only through its own access points", policies.map(\.resource)),
            TemplateSection("ECS task definitions, one per service", taskDefinitions),
            TemplateSection("ECS services on Fargate", services),
            TemplateSection("Application Auto Scaling: target tracking for services with x-aws-autoscaling", scalingResources(builder)),
        ]
        guard let yaml = NestedStacks.rendered(ifItFits: template) else {
            throw DeployError(
                "the site is too big for one CloudFormation stack (\(template.resources.count) resources)",
                hint: "deploy it without --unified: the infrastructure stack then splits into nested stacks and the services go through the API")
        }
        return UnifiedStack.Rendered(
            template: template, yaml: yaml, imageParameters: imageParameters, secretParameters: secretParameters, stackName: names.stack)
    }

    /// What the infrastructure part of the same template provides: references to its
    /// resources, the pseudo parameters, and the names it sets.
    func targetIds() -> TargetIds {
        let infra = stack.infra
        var target = TargetIds(
            partition: .ref("AWS::Partition"), region: .ref("AWS::Region"), accountId: .ref("AWS::AccountId"), cluster: infra.clusterName,
            subnets: infra.subnets, assignPublicIp: stack.input.privateSubnets ? "DISABLED" : "ENABLED",
            servicesSecurityGroup: .ref("ServicesSecurityGroup"), logGroup: .ref("LogGroup"), executionRoleArn: .getAtt("TaskExecutionRole", "Arn"),
            namespace: names.namespace)
        for volume in stack.input.volumes {
            target.fileSystems[volume.name] = volume.fileSystemReference
        }
        for task in stack.input.tasks {
            target.taskRoles[task.name] = .getAtt(StackLogicalID.taskRole(task: task.logicalId), "Arn")
        }
        for service in stack.input.services {
            for listener in service.listeners {
                target.targetGroups[SiteTarget.targetGroupKey(service: service.name, port: listener.containerPort)] =
                    .ref(InfraStack.targetGroupId(service: service, port: listener.containerPort))
            }
        }
        return target
    }

    mutating func addImageParameters() {
        for service in site.services where UnifiedStack.pinsImage(service) {
            let name = "Image\(serviceIds[service.name] ?? LogicalIDs.camel(service.name))"
            parameters.append(
                (
                    name,
                    [
                        "Type": "String",
                        "Description": .string("The \(service.name) image in ECR, pinned to its digest; berth deploy --unified fills it."),
                    ]
                ))
            imageParameters[service.name] = name
            resolved.images[service.name] = .ref(name)
        }
    }

    /// A parameter per secret Berth writes: the template holds only the secret's ARN.
    mutating func addSecretParameters() {
        for service in site.services {
            for file in FileInjection.secretFiles(of: service, in: site) where file.externalName == nil {
                let secret = file.storedName(names)
                guard secretParameters[secret] == nil else { continue }
                let name = "Secret\(LogicalIDs.camel(file.key))Arn"
                parameters.append(
                    (
                        name,
                        [
                            "Type": "String",
                            "Description": .string("The ARN of the secret \(secret); berth deploy --unified writes the secret and fills it."),
                        ]
                    ))
                secretParameters[secret] = name
                resolved.valueArns[secret] = .ref(name)
            }
        }
    }

    func tags(_ extra: [(String, String)] = []) -> TemplateValue {
        .tags((extra + names.siteTags).map { ($0.0, .string($0.1)) })
    }
}
