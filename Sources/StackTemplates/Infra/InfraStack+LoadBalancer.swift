extension InfraStack {
    static let tlsPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"

    /// An Application Load Balancer for HTTP(S) ports and a Network Load Balancer for other
    /// TCP/UDP ports, with a target group per published service port.
    var loadBalancer: TemplateSection {
        var resources: [Resource] = []
        let http = input.httpListeners
        let network = input.networkListeners
        let lbSkips = [
            SkippedCheck("CKV_AWS_91", "Access logs need a log bucket with an ELB-writable policy; add them with x-aws-cloudformation."),
            SkippedCheck("CKV_AWS_150", "Berth must be able to delete the stack on `berth down --infra`."),
            SkippedCheck("CKV2_AWS_28", "A WAF web ACL is a per-site choice with its own cost; attach one with x-aws-cloudformation."),
        ]
        // An internet-facing load balancer needs its subnets' internet gateway attached: without
        // the DependsOn, CloudFormation may create it first and AWS answers InvalidSubnet
        // ("... has no internet gateway"), now and then. An existing VPC has its own.
        let gateway = input.existingVPC == nil ? [InfraStack.internetGatewayAttachment] : []
        if !http.isEmpty && input.existingLoadBalancer == nil {
            resources.append(
                Resource(
                    "LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer",
                    [
                        "Type": "application", "Scheme": "internet-facing", "Subnets": .list(publicSubnets.map(\.template)),
                        "SecurityGroups": [.ref("LoadBalancerSecurityGroup")],
                        "LoadBalancerAttributes": [["Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"]],
                        "Tags": tags(),
                    ],
                    dependsOn: gateway, skippedChecks: lbSkips))
        }
        if !network.isEmpty && input.existingLoadBalancer == nil {
            resources.append(
                Resource(
                    "NetworkLoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer",
                    [
                        "Type": "network", "Scheme": "internet-facing", "Subnets": .list(publicSubnets.map(\.template)),
                        "SecurityGroups": [.ref("LoadBalancerSecurityGroup")], "Tags": tags(),
                    ],
                    dependsOn: gateway, skippedChecks: lbSkips))
        }
        let httpLB: TemplateValue = input.existingLoadBalancer.map(TemplateValue.string) ?? .ref("LoadBalancer")
        let networkLB: TemplateValue = input.existingLoadBalancer.map(TemplateValue.string) ?? .ref("NetworkLoadBalancer")
        var listenerPorts = Set<Int>()
        for (service, listener) in http + network {
            let group = Self.targetGroupId(service: service, port: listener.containerPort)
            var properties: TemplateMap = [
                "TargetType": "ip", "VpcId": vpc, "Port": .int(listener.containerPort),
            ]
            if listener.kind == .http {
                properties["Protocol"] = "HTTP"
                properties["HealthCheckPath"] = .string(listener.healthCheckPath)
                properties["Matcher"] = ["HttpCode": "200-399"]
            } else {
                properties["Protocol"] = .string(Self.networkProtocol(listener.kind))
            }
            properties["HealthCheckIntervalSeconds"] = 15
            properties["TargetGroupAttributes"] = [["Key": "deregistration_delay.timeout_seconds", "Value": "30"]]
            properties["Tags"] = tags([(BerthTag.service, .string(service.name))])
            resources.append(Resource(group, "AWS::ElasticLoadBalancingV2::TargetGroup", properties, owner: "service:\(service.name)"))
            let forward: TemplateValue = [["Type": "forward", "TargetGroupArn": .ref(group)]]
            if listener.kind == .http, let certificate = listener.certificate {
                if listenerPorts.insert(443).inserted {
                    let arn: TemplateValue =
                        switch certificate {
                        case .arn(let arn): .string(arn)
                        case .stackIssued: .ref(Self.certificateId(service: service))
                        }
                    resources.append(
                        Resource(
                            "ListenerHttps", "AWS::ElasticLoadBalancingV2::Listener",
                            [
                                "LoadBalancerArn": httpLB, "Port": 443, "Protocol": "HTTPS", "SslPolicy": .string(Self.tlsPolicy),
                                "Certificates": [["CertificateArn": arn]], "DefaultActions": forward,
                            ], owner: "service:\(service.name)"))
                }
                if listener.publishedPort != 443, listenerPorts.insert(listener.publishedPort).inserted {
                    resources.append(
                        Resource(
                            "Listener\(listener.publishedPort)", "AWS::ElasticLoadBalancingV2::Listener",
                            [
                                "LoadBalancerArn": httpLB, "Port": .int(listener.publishedPort), "Protocol": "HTTP",
                                "DefaultActions": [
                                    ["Type": "redirect", "RedirectConfig": ["Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"]]
                                ],
                            ], owner: "service:\(service.name)"))
                }
            } else if listenerPorts.insert(listener.publishedPort).inserted {
                let plainHTTP = [
                    SkippedCheck("CKV_AWS_2", "No certificate in x-berth for this service yet; set `certificate` to serve HTTPS and redirect HTTP."),
                    SkippedCheck(
                        "CKV_AWS_103", "No certificate in x-berth for this service yet; set `certificate` to serve HTTPS and redirect HTTP."),
                    SkippedCheck(
                        "CKV2_AWS_20", "No certificate in x-berth for this service yet; set `certificate` to serve HTTPS and redirect HTTP."),
                ]
                resources.append(
                    Resource(
                        "Listener\(listener.publishedPort)", "AWS::ElasticLoadBalancingV2::Listener",
                        [
                            "LoadBalancerArn": listener.kind == .http ? httpLB : networkLB, "Port": .int(listener.publishedPort),
                            "Protocol": listener.kind == .http ? "HTTP" : .string(Self.networkProtocol(listener.kind)), "DefaultActions": forward,
                        ],
                        skippedChecks: listener.kind == .http
                            ? plainHTTP : [SkippedCheck("CKV_AWS_2", "A TCP/UDP port: TLS, if any, is the service's own.")],
                        owner: "service:\(service.name)"))
            }
        }
        resources += domainResources
        return TemplateSection("Load balancing: listeners and a target group per published service port", resources)
    }

    /// For a domain in one of the account's hosted zones: the certificate, validated by DNS in
    /// that zone (CloudFormation writes the validation record and waits until ACM issues it), and
    /// the alias record that points the domain at the load balancer.
    var domainResources: [Resource] {
        var resources: [Resource] = []
        for service in input.services {
            guard let domain = service.domain, let zone = domain.hostedZoneId else { continue }
            if service.listeners.contains(where: { $0.certificate == .stackIssued }) {
                resources.append(
                    Resource(
                        Self.certificateId(service: service), "AWS::CertificateManager::Certificate",
                        [
                            "DomainName": .string(domain.name), "ValidationMethod": "DNS",
                            "DomainValidationOptions": [["DomainName": .string(domain.name), "HostedZoneId": .string(zone)]],
                            "CertificateTransparencyLoggingPreference": "ENABLED", "Tags": tags([(BerthTag.service, .string(service.name))]),
                        ], owner: "service:\(service.name)"))
            }
            if service.hasAliasRecord && input.existingLoadBalancer == nil {
                resources.append(
                    Resource(
                        "DomainRecord\(service.logicalId)", "AWS::Route53::RecordSet",
                        [
                            "HostedZoneId": .string(zone), "Name": .string(domain.name + "."), "Type": "A",
                            "AliasTarget": [
                                "DNSName": .getAtt("LoadBalancer", "DNSName"), "HostedZoneId": .getAtt("LoadBalancer", "CanonicalHostedZoneID"),
                                "EvaluateTargetHealth": false,
                            ],
                        ], owner: "service:\(service.name)"))
            }
        }
        return resources
    }

    static func certificateId(service: InfraStackInput.ServiceInput) -> String { "Certificate\(service.logicalId)" }

    static func networkProtocol(_ kind: InfraStackInput.ListenerInput.Kind) -> String {
        switch kind {
        case .udp: "UDP"
        case .tcpUDP: "TCP_UDP"
        default: "TCP"
        }
    }

    package static func targetGroupId(service: InfraStackInput.ServiceInput, port: Int) -> String {
        StackLogicalID.targetGroup(service: service.logicalId, port: port)
    }
}
