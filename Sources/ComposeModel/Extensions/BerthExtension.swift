/// The top-level `x-berth` block: what compose has no words for, and what differs between the
/// places a site runs (`dev`, `prod`).
///
/// ```yaml
/// x-berth:
///   region: eu-west-1
///   alarms: { email: [ops@example.com] }
///   backup: { schedule: daily, retention: 35d }
///   environments:
///     dev: {}
///     prod:
///       services:
///         site: { replicas: 3, memory: 2G, domain: www.example.com, certificate: arn:aws:acm:… }
/// ```
public struct BerthSettings: Sendable, Codable, Equatable {
    public var region: String?
    public var alarms: AlarmSettings?
    public var backup: BackupSettings?
    /// Run the services in private subnets behind a NAT gateway instead of public subnets with
    /// public IPs (Berth-made networks only). The NAT gateway has an hourly and a per-GB cost.
    public var privateSubnets: Bool?
    /// In file order; `Site.resolved(environmentName:)` applies one of them.
    public var environments: [DeploymentEnvironment]

    public init(
        region: String? = nil, alarms: AlarmSettings? = nil, backup: BackupSettings? = nil,
        environments: [DeploymentEnvironment] = []
    ) {
        self.region = region
        self.alarms = alarms
        self.backup = backup
        self.environments = environments
    }

    public func environment(named name: String) -> DeploymentEnvironment? {
        environments.first { $0.name == name }
    }
}

/// One entry under `x-berth.environments`: site-wide settings that differ, and per-service
/// overrides keyed by service name.
public struct DeploymentEnvironment: Sendable, Codable, Equatable {
    public var name: String
    public var location: SourceLocation?
    public var region: String?
    public var alarms: AlarmSettings?
    public var backup: BackupSettings?
    public var privateSubnets: Bool?
    public var services: [String: BerthServiceSettings]

    public init(
        name: String, location: SourceLocation? = nil, region: String? = nil, alarms: AlarmSettings? = nil,
        backup: BackupSettings? = nil, services: [String: BerthServiceSettings] = [:]
    ) {
        self.name = name
        self.location = location
        self.region = region
        self.alarms = alarms
        self.backup = backup
        self.services = services
    }
}

/// Per-service settings, written in a service's own `x-berth` block (every environment) or under
/// `x-berth.environments.<env>.services.<service>` (that environment only, winning over the
/// former).
public struct BerthServiceSettings: Sendable, Codable, Equatable {
    public var replicas: Int?
    /// vCPUs asked for, rounded up to a Fargate size (like compose's `cpus`).
    public var cpus: Double?
    /// An exact Fargate CPU value in units (256, 512, 1024, 2048, 4096, 8192, 16384).
    public var cpu: Int?
    /// Memory in MiB (written as a size such as `2G`).
    public var memory: Int?
    /// The public host name served over HTTPS by the load balancer.
    public var domain: String?
    /// The ACM certificate ARN for `domain`.
    public var certificate: String?
    /// Where `certificate` was written, for diagnostics about its region.
    public var certificateLocation: SourceLocation?
    /// Replaces the tag of the service's image (`image: org/site:1.0` + `image_tag: 1.1`).
    public var imageTag: String?
    /// The task this service runs in: services with the same `task` are containers of one task
    /// definition and one ECS service of that name. Without it a service is its own task.
    public var task: String?
    /// Where `task` was written, for diagnostics about the group.
    public var taskLocation: SourceLocation?
    public var location: SourceLocation?

    public init(
        replicas: Int? = nil, cpus: Double? = nil, cpu: Int? = nil, memory: Int? = nil, domain: String? = nil,
        certificate: String? = nil, imageTag: String? = nil, task: String? = nil, taskLocation: SourceLocation? = nil,
        location: SourceLocation? = nil, certificateLocation: SourceLocation? = nil
    ) {
        self.replicas = replicas
        self.cpus = cpus
        self.cpu = cpu
        self.memory = memory
        self.domain = domain
        self.certificate = certificate
        self.certificateLocation = certificateLocation
        self.imageTag = imageTag
        self.task = task
        self.taskLocation = taskLocation
        self.location = location
    }

    /// `override`'s values where set, else this one's.
    public func overridden(by override: BerthServiceSettings) -> BerthServiceSettings {
        BerthServiceSettings(
            replicas: override.replicas ?? replicas, cpus: override.cpus ?? cpus, cpu: override.cpu ?? cpu,
            memory: override.memory ?? memory, domain: override.domain ?? domain,
            certificate: override.certificate ?? certificate, imageTag: override.imageTag ?? imageTag,
            task: override.task ?? task, taskLocation: override.task == nil ? taskLocation : override.taskLocation,
            location: override.location ?? location,
            certificateLocation: override.certificate == nil ? certificateLocation : override.certificateLocation)
    }
}

/// Who hears about alarms (an SNS topic with e-mail subscriptions).
public struct AlarmSettings: Sendable, Codable, Equatable {
    public var email: [String]

    public init(email: [String]) {
        self.email = email
    }
}

/// AWS Backup of the site's EFS volumes.
public struct BackupSettings: Sendable, Codable, Equatable {
    /// An AWS Backup schedule expression, `cron(…)`; `hourly`, `daily` and `weekly` are
    /// shorthands expanded by the loader.
    public var schedule: String
    public var retentionDays: Int
    /// The named volumes to back up; empty means all of them.
    public var volumes: [String]

    public init(schedule: String, retentionDays: Int, volumes: [String] = []) {
        self.schedule = schedule
        self.retentionDays = retentionDays
        self.volumes = volumes
    }
}
