import BerthJSON
import ComposeModel

/// Everything the infrastructure template depends on, as plain values: the seam between the
/// compose model and CloudFormation (tested on its own, like copilot's `WorkloadOpts`).
package struct InfraStackInput: Sendable, Equatable {
    package var names: Names
    /// `x-aws-vpc`: deploy into this VPC (its subnets come in as template parameters).
    package var existingVPC: String?
    /// `x-berth.private_subnets`: services in private subnets behind a NAT gateway.
    package var privateSubnets: Bool
    /// `x-aws-cluster`: run in this cluster instead of creating one.
    package var existingCluster: String?
    /// `x-aws-loadbalancer`: attach listeners to this load balancer instead of creating one.
    package var existingLoadBalancer: String?
    package var services: [ServiceInput]
    /// One per ECS task (`Site.tasks`): its role and alarms. An ungrouped service is a task of
    /// its own with the service's name and logical id.
    package var tasks: [TaskInput]
    package var volumes: [VolumeInput]
    package var logRetentionDays: Int
    package var alarmEmails: [String]
    /// `x-berth.alarms: off` makes none (the topic stays, for EventBridge rules).
    package var alarmsEnabled = true
    /// Days that snapshots are kept in the backup bucket.
    package var backupRetentionDays: Int
    /// The scheduled backup of the volumes (`x-berth.backup`); nil when no volume is backed up.
    package var backup: BackupInput?
    /// Whether services depend on services in other tasks, which `berth verify`'s probe task
    /// tries to reach (`ReachabilityProbe`).
    package var probe = false
    /// `x-aws-cloudformation`, merged over the generated template last.
    package var overlay: JSONValue?
    /// Values the tasks read that Berth does not store: compose secrets with `external: true`
    /// and `x-aws-pull_credentials` (Secrets Manager names or ARNs), and external configs
    /// (Parameter Store names or ARNs). The execution role may read exactly these besides the
    /// site's own.
    package var externalSecrets: [String] = []
    package var externalParameters: [String] = []
    /// Services whose ECR repository this environment's deployed stack still holds, from before
    /// repositories became the project's (see `InfraStack.repositories`). Read from the stack.
    package var stackHeldRepositories: Set<String> = []
    /// The environment's backup bucket, kept from an earlier stack: the stack takes it as a
    /// parameter instead of making a new, empty one. Read from AWS (see `RetainedDataAdoption`).
    package var keptBackupBucket: String?

    package struct ServiceInput: Sendable, Equatable {
        package var name: String
        package var logicalId: String
        /// Named volumes the service mounts.
        package var volumes: [String]
        package var listeners: [ListenerInput]
        /// Container ports other services may call (expose + every target port).
        package var containerPorts: [Int]
        /// The service has `build:`, so Berth pushes its image to an ECR repository of its own.
        package var hasRepository: Bool
        package var managedPolicies: [String]
        /// `x-aws-role`: an inline policy document.
        package var inlinePolicy: JSONValue?
        package var usesSecrets: Bool
        package var domain: DomainInput? = nil
        /// Thresholds resolved over the defaults, the site's and the service's own.
        package var alarmLimits = AlarmLimits.defaults

        /// Whether the stack points the domain at its load balancer (an alias record in the zone).
        package var hasAliasRecord: Bool { domain?.hostedZoneId != nil && listeners.contains { $0.kind == .http } }
    }

    package struct TaskInput: Sendable, Equatable {
        package var name: String
        package var logicalId: String
        /// Compose services running as its containers, in file order.
        package var members: [String]
        /// The members' `x-aws-policies`, each once.
        package var managedPolicies: [String]
        /// The members' `x-aws-role` documents, as (policy name, document).
        package var inlinePolicies: [InlinePolicy]
        /// The most watchful of its members' thresholds (see `AlarmLimits.strictest`).
        package var alarmLimits = AlarmLimits.defaults

        package struct InlinePolicy: Sendable, Equatable {
            package var name: String
            package var document: JSONValue
        }
    }

    package struct ListenerInput: Sendable, Equatable {
        package enum Kind: String, Sendable, Equatable {
            case http, tcp, udp
            /// The same port published for TCP and UDP: one network listener serves both.
            case tcpUDP = "tcp_udp"
        }
        package var publishedPort: Int
        package var containerPort: Int
        package var kind: Kind
        /// With a certificate: serve HTTPS on 443 and redirect `publishedPort` 80 to it.
        package var certificate: Certificate?
        package var healthCheckPath: String

        package enum Certificate: Sendable, Equatable {
            /// An ACM certificate by ARN: `x-berth.certificate`, or one Berth requested for the
            /// domain and ACM has issued.
            case arn(String)
            /// The stack's own certificate for the service's domain, validated in its hosted zone.
            case stackIssued
        }

        /// The ARN when the certificate is one that exists apart from the stack.
        package var certificateArn: String? {
            if case .arn(let arn) = certificate { return arn }
            return nil
        }
    }

    /// `x-berth.domain` of a service, and the Route 53 hosted zone the deploy found for it (a
    /// public zone of the account whose name the domain ends with). With a zone, the stack makes
    /// the certificate and the alias record; without one, the team's DNS provider does.
    package struct DomainInput: Sendable, Equatable {
        package var name: String
        package var hostedZoneId: String?

        package init(name: String, hostedZoneId: String? = nil) {
            self.name = name
            self.hostedZoneId = hostedZoneId
        }
    }

    package struct BackupInput: Sendable, Equatable {
        /// An EventBridge Scheduler expression, in UTC.
        package var schedule: String
        /// Names of owned volumes, in file order.
        package var volumes: [String]

        package init(schedule: String, volumes: [String]) {
            self.schedule = schedule
            self.volumes = volumes
        }
    }

    package struct VolumeInput: Sendable, Equatable {
        package var name: String
        package var logicalId: String
        /// Where its files are in the file system (`NamedVolume.directory`).
        package var directory: String
        /// An existing EFS file system (`external: true`, `name: fs-…`).
        package var externalFileSystem: String?
        /// The volume's own file system, kept from an earlier stack of the environment: the stack
        /// takes it as a parameter and makes only its mount targets (see `RetainedDataAdoption`).
        package var keptFileSystem: String?

        package init(name: String, logicalId: String, directory: String? = nil, externalFileSystem: String? = nil, keptFileSystem: String? = nil) {
            self.name = name
            self.logicalId = logicalId
            self.directory = directory ?? "/" + Names.slug(name)
            self.externalFileSystem = externalFileSystem
            self.keptFileSystem = keptFileSystem
        }

        /// How a template names the volume's file system: the external id as written, the kept
        /// one's parameter, or the file system resource the stack makes.
        package var fileSystemReference: StackString {
            if let externalFileSystem { return .literal(externalFileSystem) }
            if keptFileSystem != nil { return .ref(StackLogicalID.keptFileSystemParameter(volume: logicalId)) }
            return .ref(StackLogicalID.fileSystem(volume: logicalId))
        }
    }

    package var httpListeners: [(service: ServiceInput, listener: ListenerInput)] {
        services.flatMap { service in service.listeners.filter { $0.kind == .http }.map { (service, $0) } }
    }

    package var networkListeners: [(service: ServiceInput, listener: ListenerInput)] {
        services.flatMap { service in service.listeners.filter { $0.kind != .http }.map { (service, $0) } }
    }

    package var ownedVolumes: [VolumeInput] { volumes.filter { $0.externalFileSystem == nil } }

    /// The values of the parameters that hand the stack its kept file systems and bucket.
    package var keptDataParameters: [String: String] {
        var values: [String: String] = [:]
        for volume in ownedVolumes {
            if let id = volume.keptFileSystem { values[StackLogicalID.keptFileSystemParameter(volume: volume.logicalId)] = id }
        }
        if let keptBackupBucket { values[StackLogicalID.keptBackupBucketParameter] = keptBackupBucket }
        return values
    }

    package static func == (lhs: InfraStackInput, rhs: InfraStackInput) -> Bool {
        lhs.names == rhs.names && lhs.existingVPC == rhs.existingVPC && lhs.privateSubnets == rhs.privateSubnets
            && lhs.existingCluster == rhs.existingCluster
            && lhs.existingLoadBalancer == rhs.existingLoadBalancer && lhs.services == rhs.services && lhs.tasks == rhs.tasks
            && lhs.volumes == rhs.volumes
            && lhs.logRetentionDays == rhs.logRetentionDays && lhs.alarmEmails == rhs.alarmEmails && lhs.alarmsEnabled == rhs.alarmsEnabled
            && lhs.backupRetentionDays == rhs.backupRetentionDays && lhs.backup == rhs.backup && lhs.overlay == rhs.overlay
            && lhs.keptBackupBucket == rhs.keptBackupBucket
    }
}
