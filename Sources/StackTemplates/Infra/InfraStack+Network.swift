extension InfraStack {
    /// 10.80.0.0/16 rather than 10.0.0.0/16, to stay clear of the ranges peered networks most
    /// often already use.
    static let vpcCIDR = "10.80.0.0/16"

    /// The VPC's internet gateway attachment: what anything that needs the internet waits for.
    static let internetGatewayAttachment = "InternetGatewayAttachment"

    /// What a task's network needs before the task starts, in a Berth-made VPC: the default
    /// route and route table associations of the subnets tasks run in (through the NAT gateway
    /// in private subnets). A task started earlier cannot pull its image or reach AWS APIs, so a
    /// service in the same template as the network waits for these; none in an existing VPC.
    package var taskRoutes: [String] {
        guard input.existingVPC == nil else { return [] }
        let isPrivate = input.privateSubnets
        return [Self.defaultRoute(private: isPrivate)] + ["A", "B"].map { Self.routeTableAssociation(private: isPrivate, zone: $0) }
    }

    static func defaultRoute(private isPrivate: Bool) -> String { isPrivate ? "PrivateDefaultRoute" : "PublicDefaultRoute" }
    static func routeTableAssociation(private isPrivate: Bool, zone: String) -> String {
        "\(isPrivate ? "Private" : "Public")Subnet\(zone)RouteTable"
    }

    var network: TemplateSection {
        guard input.existingVPC == nil else { return TemplateSection("Network: the existing VPC named by x-aws-vpc", []) }
        let publicIPs = SkippedCheck(
            "CKV_AWS_130", "Fargate tasks in public subnets need public IPs to pull images without a NAT gateway.")
        func subnet(_ id: String, _ index: Int, _ cidr: String) -> Resource {
            Resource(
                id, "AWS::EC2::Subnet",
                [
                    "VpcId": .ref("VPC"), "CidrBlock": .string(cidr), "AvailabilityZone": .select(index, .availabilityZones),
                    "MapPublicIpOnLaunch": true, "Tags": tags([("Name", .sub("${AWS::StackName}-public-\(index == 0 ? "a" : "b")"))]),
                ], skippedChecks: [publicIPs])
        }
        var privateResources: [Resource] = []
        if input.privateSubnets {
            func privateSubnet(_ id: String, _ index: Int, _ cidr: String) -> Resource {
                Resource(
                    id, "AWS::EC2::Subnet",
                    [
                        "VpcId": .ref("VPC"), "CidrBlock": .string(cidr), "AvailabilityZone": .select(index, .availabilityZones),
                        "Tags": tags([("Name", .sub("${AWS::StackName}-private-\(index == 0 ? "a" : "b")"))]),
                    ])
            }
            // One NAT gateway, in one zone: the cheapest way out for a small site (about USD 33 a
            // month plus USD 0.045 per GB in us-east-1); see docs/compose-reference.md.
            privateResources = [
                privateSubnet("PrivateSubnetA", 0, "10.80.32.0/20"),
                privateSubnet("PrivateSubnetB", 1, "10.80.48.0/20"),
                Resource("NatAddress", "AWS::EC2::EIP", ["Domain": "vpc", "Tags": tags()], dependsOn: [InfraStack.internetGatewayAttachment]),
                Resource(
                    "NatGateway", "AWS::EC2::NatGateway",
                    ["AllocationId": .getAtt("NatAddress", "AllocationId"), "SubnetId": .ref("PublicSubnetA"), "Tags": tags()]),
                Resource(
                    "PrivateRouteTable", "AWS::EC2::RouteTable", ["VpcId": .ref("VPC"), "Tags": tags([("Name", .sub("${AWS::StackName}-private"))])]),
                Resource(
                    Self.defaultRoute(private: true), "AWS::EC2::Route",
                    ["RouteTableId": .ref("PrivateRouteTable"), "DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": .ref("NatGateway")]),
                Resource(
                    Self.routeTableAssociation(private: true, zone: "A"), "AWS::EC2::SubnetRouteTableAssociation",
                    ["SubnetId": .ref("PrivateSubnetA"), "RouteTableId": .ref("PrivateRouteTable")]),
                Resource(
                    Self.routeTableAssociation(private: true, zone: "B"), "AWS::EC2::SubnetRouteTableAssociation",
                    ["SubnetId": .ref("PrivateSubnetB"), "RouteTableId": .ref("PrivateRouteTable")]),
            ]
        }
        return TemplateSection(
            input.privateSubnets
                ? "Network: a VPC with public subnets for the load balancer and private subnets behind a NAT gateway"
                : "Network: a VPC with two public subnets in two availability zones",
            [
                Resource(
                    "VPC", "AWS::EC2::VPC",
                    [
                        "CidrBlock": .string(Self.vpcCIDR), "EnableDnsSupport": true, "EnableDnsHostnames": true,
                        "Tags": tags([("Name", .sub("${AWS::StackName}"))]),
                    ],
                    skippedChecks: [
                        SkippedCheck(
                            "CKV2_AWS_11", "VPC flow logs cost more than a small site's traffic is worth; add them with x-aws-cloudformation."),
                        SkippedCheck("CKV2_AWS_12", "The default security group is unused; every resource gets its own group."),
                    ]),
                Resource("InternetGateway", "AWS::EC2::InternetGateway", ["Tags": tags([("Name", .sub("${AWS::StackName}"))])]),
                Resource(
                    InfraStack.internetGatewayAttachment, "AWS::EC2::VPCGatewayAttachment",
                    ["VpcId": .ref("VPC"), "InternetGatewayId": .ref("InternetGateway")]),
                subnet("PublicSubnetA", 0, "10.80.0.0/20"),
                subnet("PublicSubnetB", 1, "10.80.16.0/20"),
                Resource(
                    "PublicRouteTable", "AWS::EC2::RouteTable", ["VpcId": .ref("VPC"), "Tags": tags([("Name", .sub("${AWS::StackName}-public"))])]),
                Resource(
                    Self.defaultRoute(private: false), "AWS::EC2::Route",
                    ["RouteTableId": .ref("PublicRouteTable"), "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": .ref("InternetGateway")],
                    dependsOn: [InfraStack.internetGatewayAttachment]),
                Resource(
                    Self.routeTableAssociation(private: false, zone: "A"), "AWS::EC2::SubnetRouteTableAssociation",
                    ["SubnetId": .ref("PublicSubnetA"), "RouteTableId": .ref("PublicRouteTable")]),
                Resource(
                    Self.routeTableAssociation(private: false, zone: "B"), "AWS::EC2::SubnetRouteTableAssociation",
                    ["SubnetId": .ref("PublicSubnetB"), "RouteTableId": .ref("PublicRouteTable")]),
            ] + privateResources)
    }
}
