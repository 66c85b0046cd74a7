import BerthJSON

/// The top-level `x-aws-*` keys of Docker's retired ECS integration, kept so its users can move
/// to Berth without editing their files.
package struct AWSSettings: Sendable, Codable, Equatable {
    /// `x-aws-vpc`: an existing VPC id to deploy into instead of creating one.
    package var vpc: String?
    /// `x-aws-cluster`: an existing ECS cluster name or ARN.
    package var cluster: String?
    /// `x-aws-loadbalancer`: an existing load balancer name or ARN.
    package var loadBalancer: String?
    /// `x-aws-cloudformation`: a CloudFormation fragment merged over the generated template.
    package var cloudFormation: JSONValue?
    /// `x-aws-logs_retention`: CloudWatch Logs retention in days.
    package var logsRetentionDays: Int?

    package init(
        vpc: String? = nil, cluster: String? = nil, loadBalancer: String? = nil, cloudFormation: JSONValue? = nil,
        logsRetentionDays: Int? = nil
    ) {
        self.vpc = vpc
        self.cluster = cluster
        self.loadBalancer = loadBalancer
        self.cloudFormation = cloudFormation
        self.logsRetentionDays = logsRetentionDays
    }

    /// The retention periods CloudWatch Logs accepts (PutRetentionPolicy); any other number is
    /// rejected by the API, so the loader rejects it first.
    package static let validLogRetentionDays: [Int] = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]
}

/// The per-service `x-aws-*` keys.
package struct ServiceAWSSettings: Sendable, Codable, Equatable {
    /// `x-aws-role`: an IAM policy document attached inline to the task role.
    package var role: JSONValue?
    /// `x-aws-policies`: managed policy ARNs attached to the task role.
    package var policies: [String]
    /// `x-aws-pull_credentials`: a Secrets Manager ARN with registry credentials.
    package var pullCredentials: String?
    /// `deploy.x-aws-autoscaling`.
    package var autoscaling: Autoscaling?
    /// `deploy.update_config.x-aws-min_percent`: ECS `minimumHealthyPercent`.
    package var minimumHealthyPercent: Int?
    /// `deploy.update_config.x-aws-max_percent`: ECS `maximumPercent`.
    package var maximumPercent: Int?

    package init(
        role: JSONValue? = nil, policies: [String] = [], pullCredentials: String? = nil, autoscaling: Autoscaling? = nil,
        minimumHealthyPercent: Int? = nil, maximumPercent: Int? = nil
    ) {
        self.role = role
        self.policies = policies
        self.pullCredentials = pullCredentials
        self.autoscaling = autoscaling
        self.minimumHealthyPercent = minimumHealthyPercent
        self.maximumPercent = maximumPercent
    }
}

/// Target tracking on average CPU or memory utilisation, between `min` and `max` tasks.
package struct Autoscaling: Sendable, Codable, Equatable {
    package var min: Int
    package var max: Int
    /// Target average CPU utilisation in percent.
    package var cpu: Int?
    /// Target average memory utilisation in percent.
    package var memory: Int?

    package init(min: Int, max: Int, cpu: Int? = nil, memory: Int? = nil) {
        self.min = min
        self.max = max
        self.cpu = cpu
        self.memory = memory
    }
}
