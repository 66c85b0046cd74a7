extension InfraStack {
    var hasOwnLoadBalancer: Bool { input.existingLoadBalancer == nil && !(input.httpListeners.isEmpty && input.networkListeners.isEmpty) }

    static let openEgress = SkippedCheck(
        "CKV_AWS_382", "Containers call external APIs and registries; narrow egress with x-aws-cloudformation if the site allows it.")

    struct PublicPort: Hashable {
        var port: Int
        var ipProtocol: String
    }

    static func ipProtocols(_ kind: InfraStackInput.ListenerInput.Kind) -> [String] {
        switch kind {
        case .udp: ["udp"]
        case .tcpUDP: ["tcp", "udp"]
        case .http, .tcp: ["tcp"]
        }
    }

    var securityGroups: TemplateSection {
        var resources: [Resource] = []
        let allEgress: TemplateValue = [["IpProtocol": "-1", "CidrIp": "0.0.0.0/0", "Description": "Outbound traffic"]]
        if hasOwnLoadBalancer {
            var rules = Set<PublicPort>()
            for listener in input.services.flatMap(\.listeners) {
                for ipProtocol in Self.ipProtocols(listener.kind) { rules.insert(PublicPort(port: listener.publishedPort, ipProtocol: ipProtocol)) }
                if listener.kind == .http && listener.certificate != nil { rules.insert(PublicPort(port: 443, ipProtocol: "tcp")) }
            }
            let ingress = rules.sorted { ($0.port, $0.ipProtocol) < ($1.port, $1.ipProtocol) }.map { rule -> TemplateValue in
                [
                    "IpProtocol": .string(rule.ipProtocol), "FromPort": .int(rule.port), "ToPort": .int(rule.port), "CidrIp": "0.0.0.0/0",
                    "Description": .string("Public port \(rule.port)/\(rule.ipProtocol)"),
                ]
            }
            resources.append(
                Resource(
                    "LoadBalancerSecurityGroup", "AWS::EC2::SecurityGroup",
                    [
                        "GroupDescription": .sub("${AWS::StackName} load balancer: public ports from anywhere"), "VpcId": vpc,
                        "SecurityGroupIngress": .list(ingress), "SecurityGroupEgress": allEgress, "Tags": tags(),
                    ],
                    skippedChecks: [
                        SkippedCheck(
                            "CKV_AWS_260",
                            "A public website's load balancer takes port 80 from anywhere (it redirects to HTTPS when a certificate is set)."),
                        Self.openEgress,
                    ]))
        }
        resources.append(
            Resource(
                "ServicesSecurityGroup", "AWS::EC2::SecurityGroup",
                [
                    "GroupDescription": .sub("${AWS::StackName} services: from the load balancer and from each other"), "VpcId": vpc,
                    "SecurityGroupEgress": allEgress, "Tags": tags(),
                ],
                skippedChecks: [Self.openEgress]))
        var seen = Set<String>()
        for (service, listener) in input.httpListeners + input.networkListeners {
            for ipProtocol in Self.ipProtocols(listener.kind) {
                let id = "ServicesIngressFromLoadBalancer\(listener.containerPort)\(ipProtocol == "udp" ? "Udp" : "")"
                guard seen.insert(id).inserted else { continue }
                var properties: TemplateMap = [
                    "GroupId": .ref("ServicesSecurityGroup"), "IpProtocol": .string(ipProtocol),
                    "FromPort": .int(listener.containerPort), "ToPort": .int(listener.containerPort),
                    "Description": .string("Load balancer to \(service.name):\(listener.containerPort)"),
                ]
                // Only the load balancer reaches the container port: tasks with public IPs must not
                // be reachable from the internet around it. An existing load balancer's group
                // comes in as a parameter.
                properties["SourceSecurityGroupId"] =
                    hasOwnLoadBalancer ? .ref("LoadBalancerSecurityGroup") : .ref(Self.loadBalancerSecurityGroupParameter)
                resources.append(Resource(id, "AWS::EC2::SecurityGroupIngress", properties, owner: "service:\(service.name)"))
            }
        }
        // Each rule once, owned by the first service with that port (a duplicate rule is an error).
        var portOwners: [Int: String] = [:]
        for service in input.services {
            for port in service.containerPorts where portOwners[port] == nil { portOwners[port] = service.name }
        }
        for port in portOwners.keys.sorted() {
            resources.append(
                Resource(
                    "ServicesIngressFromServices\(port)", "AWS::EC2::SecurityGroupIngress",
                    [
                        "GroupId": .ref("ServicesSecurityGroup"), "SourceSecurityGroupId": .ref("ServicesSecurityGroup"), "IpProtocol": "tcp",
                        "FromPort": .int(port), "ToPort": .int(port), "Description": .string("Service to service on \(port)"),
                    ], owner: portOwners[port].map { "service:\($0)" }))
        }
        if !input.ownedVolumes.isEmpty {
            resources.append(
                Resource(
                    Self.fileSystemSecurityGroup, "AWS::EC2::SecurityGroup",
                    [
                        "GroupDescription": .sub("${AWS::StackName} file systems: NFS from the services only"), "VpcId": vpc,
                        "SecurityGroupIngress": .list(nfsIngress),
                        "SecurityGroupEgress": [
                            [
                                "IpProtocol": "tcp", "FromPort": 2049, "ToPort": 2049, "DestinationSecurityGroupId": .ref("ServicesSecurityGroup"),
                                "Description": "NFS replies",
                            ]
                        ],
                        "Tags": tags(),
                    ]))
        }
        return TemplateSection("Security groups: load balancer, services, file systems", resources)
    }

    /// NFS into the file systems: from the services, and from the backup and restore tasks.
    private var nfsIngress: [TemplateValue] {
        var rules: [TemplateValue] = [
            [
                "IpProtocol": "tcp", "FromPort": 2049, "ToPort": 2049, "SourceSecurityGroupId": .ref("ServicesSecurityGroup"),
                "Description": "NFS from the services",
            ]
        ]
        if !backedUpVolumes.isEmpty {
            rules.append([
                "IpProtocol": "tcp", "FromPort": 2049, "ToPort": 2049, "SourceSecurityGroupId": .ref("BackupSecurityGroup"),
                "Description": "NFS from the backup and restore tasks",
            ])
        }
        return rules
    }
}
