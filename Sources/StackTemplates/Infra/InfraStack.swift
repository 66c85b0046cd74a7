import ComposeModel

/// Builds the infrastructure template: the long-lived, shared parts of a site that
/// CloudFormation keeps (network, cluster, file systems, roles, logs, backups, load balancer).
///
/// Per-service values (task role, target group, repository) are read back through
/// `ListStackResources` by logical id rather than exported as Outputs, so the template stays
/// within CloudFormation's 200-output limit however many services a site has.
package struct InfraStack: Sendable {
    package let input: InfraStackInput

    package init(_ input: InfraStackInput) {
        self.input = input
    }

    package func template() -> Template {
        var template = Template(
            description:
                "Berth infrastructure for \(input.names.project) (\(input.names.environment)): network, cluster, storage, roles, logs, backups and load balancing.",
            parameters: parameters,
            sections: [
                network, securityGroups, cluster, fileSystems, roles, logs, backupBucket, backups, probe, alarms, loadBalancer,
                serviceDiscovery, repositories, imageBuilds,
            ],
            outputs: outputs)
        template.metadata["Berth"] = ["Project": .string(input.names.project), "Environment": .string(input.names.environment)]
        if let overlay = input.overlay {
            template = Overlay.apply(overlay, to: template)
        }
        return template
    }

    /// The template as YAML: the whole site in one stack when it fits, else the root of a
    /// nested layout (see `renderAll`).
    package func render() -> String {
        renderAll().first?.yaml ?? ""
    }

    /// Every template file of the stack, root first: one file, or a root and its nested stacks.
    package func renderAll() -> [(fileName: String, yaml: String)] {
        let template = template()
        let root = "\(input.names.stack).infra.yaml"
        if let yaml = NestedStacks.rendered(ifItFits: template) { return [(root, yaml)] }
        let split = NestedStacks(splitting: template, stackName: input.names.stack)
        return [(root, YAMLEmitter.render(split.root))] + split.children.map { ($0.fileName, YAMLEmitter.render($0.template)) }
    }

    /// `berth:project` and `berth:environment` on every resource that takes tags; how the
    /// services layer and teardown find what belongs to a site.
    func tags(_ extra: [(String, TemplateValue)] = []) -> TemplateValue {
        .tags(extra + input.names.siteTags.map { ($0.0, .string($0.1)) })
    }

    /// The parameter that carries a security group of the existing load balancer
    /// (`x-aws-loadbalancer`), looked up by Berth: services take traffic from it only.
    package static let loadBalancerSecurityGroupParameter = "LoadBalancerSecurityGroupId"

    var parameters: [(String, TemplateValue)] {
        var parameters: [(String, TemplateValue)] = []
        if input.existingVPC != nil {
            parameters += [
                ("VpcId", ["Type": "AWS::EC2::VPC::Id", "Description": "The existing VPC (x-aws-vpc)."]),
                (
                    "Subnets",
                    [
                        "Type": "List<AWS::EC2::Subnet::Id>",
                        "Description": "Two subnets of that VPC in different availability zones, looked up by Berth.",
                    ]
                ),
            ]
        }
        if input.existingLoadBalancer != nil {
            parameters.append(
                (
                    Self.loadBalancerSecurityGroupParameter,
                    [
                        "Type": "AWS::EC2::SecurityGroup::Id",
                        "Description": "A security group of the existing load balancer (x-aws-loadbalancer), looked up by Berth.",
                    ]
                ))
        }
        for volume in input.ownedVolumes where volume.keptFileSystem != nil {
            parameters.append(
                (
                    StackLogicalID.keptFileSystemParameter(volume: volume.logicalId),
                    [
                        "Type": "String", "AllowedPattern": "^fs-[0-9a-f]{8,40}$",
                        "Description": .string("The file system of volume \(volume.name), kept from an earlier stack; found by Berth by its tags."),
                    ]
                ))
        }
        if input.keptBackupBucket != nil {
            parameters.append(
                (
                    StackLogicalID.keptBackupBucketParameter,
                    ["Type": "String", "Description": "The backup bucket kept from an earlier stack; found by Berth by its tags."]
                ))
        }
        return parameters
    }

    var vpc: TemplateValue { input.existingVPC == nil ? .ref("VPC") : .ref("VpcId") }

    /// Where the services and the file systems' mount targets go: typed, because the single
    /// template hands them to its services as they are.
    package var subnets: [StackString] {
        if input.existingVPC != nil { return [.selected(0, fromList: "Subnets"), .selected(1, fromList: "Subnets")] }
        return input.privateSubnets ? [.ref("PrivateSubnetA"), .ref("PrivateSubnetB")] : publicSubnets
    }

    /// Where internet-facing load balancers go.
    var publicSubnets: [StackString] {
        input.existingVPC == nil
            ? [.ref("PublicSubnetA"), .ref("PublicSubnetB")] : [.selected(0, fromList: "Subnets"), .selected(1, fromList: "Subnets")]
    }
}
