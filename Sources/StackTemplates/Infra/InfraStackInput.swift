import BerthJSON
import ComposeModel

/// Everything the infrastructure template depends on, as plain values: the seam between the
/// compose model and CloudFormation (tested on its own, like copilot's `WorkloadOpts`).
public struct InfraStackInput: Sendable, Equatable {
    public var names: Names
    /// `x-aws-vpc`: deploy into this VPC (its subnets come in as template parameters).
    public var existingVPC: String?
    /// `x-berth.private_subnets`: services in private subnets behind a NAT gateway.
    public var privateSubnets: Bool
    /// `x-aws-cluster`: run in this cluster instead of creating one.
    public var existingCluster: String?
    /// `x-aws-loadbalancer`: attach listeners to this load balancer instead of creating one.
    public var existingLoadBalancer: String?
    public var services: [ServiceInput]
    /// One per ECS task (`Site.tasks`): its role and alarms. An ungrouped service is a task of
    /// its own with the service's name and logical id.
    public var tasks: [TaskInput]
    public var volumes: [VolumeInput]
    public var logRetentionDays: Int
    public var alarmEmails: [String]
    /// Days that noncurrent backup object versions are kept.
    public var backupRetentionDays: Int
    /// `x-aws-cloudformation`, merged over the generated template last.
    public var overlay: JSONValue?
    /// Values the tasks read that Berth does not store: compose secrets with `external: true`
    /// and `x-aws-pull_credentials` (Secrets Manager names or ARNs), and external configs
    /// (Parameter Store names or ARNs). The execution role may read exactly these besides the
    /// site's own.
    public var externalSecrets: [String] = []
    public var externalParameters: [String] = []
    /// Services whose ECR repository this environment's deployed stack still holds, from before
    /// repositories became the project's (see `InfraStack.repositories`). Read from the stack.
    public var stackHeldRepositories: Set<String> = []

    public struct ServiceInput: Sendable, Equatable {
        public var name: String
        public var logicalId: String
        /// Named volumes the service mounts.
        public var volumes: [String]
        public var listeners: [ListenerInput]
        /// Container ports other services may call (expose + every target port).
        public var containerPorts: [Int]
        /// The service has `build:`, so Berth pushes its image to an ECR repository of its own.
        public var hasRepository: Bool
        public var managedPolicies: [String]
        /// `x-aws-role`: an inline policy document.
        public var inlinePolicy: JSONValue?
        public var usesSecrets: Bool
    }

    public struct TaskInput: Sendable, Equatable {
        public var name: String
        public var logicalId: String
        /// Compose services running as its containers, in file order.
        public var members: [String]
        /// The members' `x-aws-policies`, each once.
        public var managedPolicies: [String]
        /// The members' `x-aws-role` documents, as (policy name, document).
        public var inlinePolicies: [InlinePolicy]

        public struct InlinePolicy: Sendable, Equatable {
            public var name: String
            public var document: JSONValue
        }
    }

    public struct ListenerInput: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable {
            case http, tcp, udp
            /// The same port published for TCP and UDP: one network listener serves both.
            case tcpUDP = "tcp_udp"
        }
        public var publishedPort: Int
        public var containerPort: Int
        public var kind: Kind
        /// ACM certificate: serve HTTPS on 443 and redirect `publishedPort` 80 to it.
        public var certificate: String?
        public var healthCheckPath: String
    }

    public struct VolumeInput: Sendable, Equatable {
        public var name: String
        public var logicalId: String
        /// An existing EFS file system (`external: true`, `name: fs-…`).
        public var externalFileSystem: String?
    }

    public var httpListeners: [(service: ServiceInput, listener: ListenerInput)] {
        services.flatMap { service in service.listeners.filter { $0.kind == .http }.map { (service, $0) } }
    }

    public var networkListeners: [(service: ServiceInput, listener: ListenerInput)] {
        services.flatMap { service in service.listeners.filter { $0.kind != .http }.map { (service, $0) } }
    }

    public var ownedVolumes: [VolumeInput] { volumes.filter { $0.externalFileSystem == nil } }

    public static func == (lhs: InfraStackInput, rhs: InfraStackInput) -> Bool {
        lhs.names == rhs.names && lhs.existingVPC == rhs.existingVPC && lhs.privateSubnets == rhs.privateSubnets
            && lhs.existingCluster == rhs.existingCluster
            && lhs.existingLoadBalancer == rhs.existingLoadBalancer && lhs.services == rhs.services && lhs.tasks == rhs.tasks
            && lhs.volumes == rhs.volumes
            && lhs.logRetentionDays == rhs.logRetentionDays && lhs.alarmEmails == rhs.alarmEmails
            && lhs.backupRetentionDays == rhs.backupRetentionDays && lhs.overlay == rhs.overlay
    }
}
