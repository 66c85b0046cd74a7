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
    /// `bind_mounts: volumes`: every bind-mounted host directory that Fargate cannot see becomes
    /// a named EFS volume (its files reach it with `berth volume upload`). Without it, such a
    /// mount is an error, unless the mount opts in itself (`x-berth: {volume: NAME}`).
    package var bindMountsAsVolumes: Bool = false
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
    /// `dev`: how `berth dev` runs this service on the developer's machine. Set on the service
    /// only: local development has no environments.
    package var dev: DevSettings?
    /// This service's alarm thresholds, over the environment's (`x-berth.alarms`).
    package var alarms: AlarmLimits?
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
        settings.dev = dev
        settings.alarms = override.alarms.map { (alarms ?? AlarmLimits()).overridden(by: $0) } ?? alarms
        return settings
    }
}

/// A service's `x-berth.dev`: `berth dev --phase 1` runs the `host` service (one at most) on the
/// developer's machine with `command`, started in `directory` (default: its build context).
///
/// ```yaml
/// site:
///   build: ./site
///   x-berth: {dev: {host: true, command: npm run dev}}
/// ```
package struct DevSettings: Sendable, Codable, Equatable {
    package var host: Bool
    package var command: String?
    /// Relative to the project directory, as written.
    package var directory: String?
    package var location: SourceLocation?

    package init(host: Bool = false, command: String? = nil, directory: String? = nil, location: SourceLocation? = nil) {
        self.host = host
        self.command = command
        self.directory = directory
        self.location = location
    }
}

/// Who hears about alarms (an SNS topic with e-mail subscriptions), and when they fire.
///
/// ```yaml
/// x-berth:
///   alarms: { email: ops@example.com, cpu: 80, http_5xx: off }
///   environments:
///     dev: { alarms: off }
/// ```
package struct AlarmSettings: Sendable, Codable, Equatable {
    package var email: [String]
    /// `alarms: off`: the environment has no alarms (a dev environment nobody watches).
    package var enabled: Bool
    package var limits: AlarmLimits

    package init(email: [String], enabled: Bool = true, limits: AlarmLimits = AlarmLimits()) {
        self.email = email
        self.enabled = enabled
        self.limits = limits
    }

    /// An environment's alarms over the site's: its thresholds win one by one, its e-mail list
    /// when it has one, and `off` turns them all off.
    package static func merging(_ site: AlarmSettings?, _ environment: AlarmSettings?) -> AlarmSettings? {
        guard let environment else { return site }
        guard let site else { return environment }
        return AlarmSettings(
            email: environment.email.isEmpty ? site.email : environment.email, enabled: environment.enabled,
            limits: site.limits.overridden(by: environment.limits))
    }
}

/// Alarm thresholds, site-wide or for one service; `nil` keeps the default or the site's value.
package struct AlarmLimits: Sendable, Codable, Equatable {
    /// Average CPU utilization, percent of the task's size.
    package var cpu: AlarmLimit?
    /// Average memory utilization, percent of the task's size.
    package var memory: AlarmLimit?
    /// 5xx answers of the service's targets in five minutes.
    package var http5xx: AlarmLimit?
    /// How long CPU or memory stays over its threshold, or tasks stay missing, before the alarm.
    package var minutes: Int?

    package init(cpu: AlarmLimit? = nil, memory: AlarmLimit? = nil, http5xx: AlarmLimit? = nil, minutes: Int? = nil) {
        self.cpu = cpu
        self.memory = memory
        self.http5xx = http5xx
        self.minutes = minutes
    }

    package func overridden(by other: AlarmLimits) -> AlarmLimits {
        AlarmLimits(cpu: other.cpu ?? cpu, memory: other.memory ?? memory, http5xx: other.http5xx ?? http5xx, minutes: other.minutes ?? minutes)
    }

    /// For services sharing one task (one set of ECS metrics): the lowest threshold any of them
    /// sets, and `off` only when all of them turn it off.
    package static func strictest(_ all: [AlarmLimits]) -> AlarmLimits {
        func lowest(_ limits: [AlarmLimit?]) -> AlarmLimit? {
            let values = limits.compactMap { $0?.value }
            if let minimum = values.min() { return .value(minimum) }
            return limits.contains(.off) ? .off : nil
        }
        return AlarmLimits(
            cpu: lowest(all.map(\.cpu)), memory: lowest(all.map(\.memory)), http5xx: lowest(all.map(\.http5xx)),
            minutes: all.compactMap(\.minutes).min())
    }

    /// Berth's defaults: CPU 85 %, memory 90 %, 10 server errors in five minutes, 15 minutes.
    package static let defaults = AlarmLimits(cpu: .value(85), memory: .value(90), http5xx: .value(10), minutes: defaultMinutes)
    static let defaultMinutes = 15

    /// `minutes`, or the default when nobody set it.
    package var resolvedMinutes: Int { minutes ?? Self.defaultMinutes }
}

/// One threshold: a number, or `off` for no such alarm.
package enum AlarmLimit: Sendable, Codable, Equatable {
    case value(Int)
    case off

    package var value: Int? {
        if case .value(let value) = self { return value }
        return nil
    }
}

/// Backups of the site's EFS volumes to its S3 bucket: a scheduled task per environment
/// (`x-berth.backup`), on by default for every volume the stack owns.
package struct BackupSettings: Sendable, Codable, Equatable {
    /// An EventBridge Scheduler cron expression, `cron(…)` with six fields; `hourly`, `daily`
    /// and `weekly` are shorthands expanded by the loader.
    package var schedule: String
    package var retentionDays: Int
    /// The named volumes to back up; empty means all of them.
    package var volumes: [String]
    /// `backup: off`: no scheduled backups (the bucket stays, and `berth backup now` refuses).
    package var enabled: Bool

    package init(
        schedule: String = Self.defaultSchedule, retentionDays: Int = Self.defaultRetentionDays, volumes: [String] = [], enabled: Bool = true
    ) {
        self.schedule = schedule
        self.retentionDays = retentionDays
        self.volumes = volumes
        self.enabled = enabled
    }

    /// Daily at 03:00 UTC, kept 35 days: what a site gets without `x-berth.backup`.
    package static let defaultSchedule = "cron(0 3 * * ? *)"
    package static let defaultRetentionDays = 35
    package static let defaults = BackupSettings()
}
