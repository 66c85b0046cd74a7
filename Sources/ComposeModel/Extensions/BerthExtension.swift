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
package struct BerthSettings: Sendable, Codable, Equatable {
    package var region: String?
    package var alarms: AlarmSettings?
    package var backup: BackupSettings?
    /// Run the services in private subnets behind a NAT gateway instead of public subnets with
    /// public IPs (Berth-made networks only). The NAT gateway has an hourly and a per-GB cost.
    package var privateSubnets: Bool?
    /// In file order; `Site.resolved(environmentName:)` applies one of them.
    package var environments: [DeploymentEnvironment]

    package init(
        region: String? = nil, alarms: AlarmSettings? = nil, backup: BackupSettings? = nil,
        environments: [DeploymentEnvironment] = []
    ) {
        self.region = region
        self.alarms = alarms
        self.backup = backup
        self.environments = environments
    }

    package func environment(named name: String) -> DeploymentEnvironment? {
        environments.first { $0.name == name }
    }
}

/// One entry under `x-berth.environments`: site-wide settings that differ, and per-service
/// overrides keyed by service name.
package struct DeploymentEnvironment: Sendable, Codable, Equatable {
    package var name: String
    package var location: SourceLocation?
    package var region: String?
    package var alarms: AlarmSettings?
    package var backup: BackupSettings?
    package var privateSubnets: Bool?
    package var services: [String: BerthServiceSettings]

    package init(
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
package struct BerthServiceSettings: Sendable, Codable, Equatable {
    package var replicas: Int?
    /// vCPUs asked for, rounded up to a Fargate size (like compose's `cpus`).
    package var cpus: Double?
    /// An exact Fargate CPU value in units (256, 512, 1024, 2048, 4096, 8192, 16384).
    package var cpu: Int?
    /// Memory in MiB (written as a size such as `2G`).
    package var memory: Int?
    /// The public host name served over HTTPS by the load balancer.
    package var domain: String?
    /// The ACM certificate ARN for `domain`.
    package var certificate: String?
    /// Where `certificate` was written, for diagnostics about its region.
    package var certificateLocation: SourceLocation?
    /// Replaces the tag of the service's image (`image: org/site:1.0` + `image_tag: 1.1`).
    package var imageTag: String?
    /// The task this service runs in: services with the same `task` are containers of one task
    /// definition and one ECS service of that name. Without it a service is its own task.
    package var task: String?
    /// Where `task` was written, for diagnostics about the group.
    package var taskLocation: SourceLocation?
    /// `public_ports`: container ports of well-known databases that may still be published on
    /// the internet. Set on the service only: what faces the internet is not per environment.
    package var publicPorts: [Int] = []
    package var location: SourceLocation?

    package init(
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
    package func overridden(by override: BerthServiceSettings) -> BerthServiceSettings {
        var settings = BerthServiceSettings(
            replicas: override.replicas ?? replicas, cpus: override.cpus ?? cpus, cpu: override.cpu ?? cpu,
            memory: override.memory ?? memory, domain: override.domain ?? domain,
            certificate: override.certificate ?? certificate, imageTag: override.imageTag ?? imageTag,
            task: override.task ?? task, taskLocation: override.task == nil ? taskLocation : override.taskLocation,
            location: override.location ?? location,
            certificateLocation: override.certificate == nil ? certificateLocation : override.certificateLocation)
        settings.publicPorts = publicPorts
        return settings
    }
}

/// Who hears about alarms (an SNS topic with e-mail subscriptions).
package struct AlarmSettings: Sendable, Codable, Equatable {
    package var email: [String]

    package init(email: [String]) {
        self.email = email
    }
}

/// AWS Backup of the site's EFS volumes.
package struct BackupSettings: Sendable, Codable, Equatable {
    /// An AWS Backup schedule expression, `cron(…)`; `hourly`, `daily` and `weekly` are
    /// shorthands expanded by the loader.
    package var schedule: String
    package var retentionDays: Int
    /// The named volumes to back up; empty means all of them.
    package var volumes: [String]

    package init(schedule: String, retentionDays: Int, volumes: [String] = []) {
        self.schedule = schedule
        self.retentionDays = retentionDays
        self.volumes = volumes
    }
}
