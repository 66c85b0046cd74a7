/// One compose service; Berth runs each as a container of its own ECS service, or of a shared one
/// when services name the same `x-berth` `task` (`Site.tasks`).
package struct Service: Sendable, Codable, Equatable {
    package var name: String
    package var location: SourceLocation?
    /// The image to run; for a service with `build`, the name to tag the built image with.
    package var image: String?
    package var build: BuildSettings?
    /// Exec form; compose's shell-form string is split into words as compose does.
    package var command: [String]?
    package var entrypoint: [String]?
    package var environment: [NamedValue]
    package var envFiles: [EnvFileReference]
    package var ports: [PortMapping]
    /// Ports reachable only inside the site (`expose`), e.g. a database's 5432.
    package var expose: [ExposedPort]
    /// Named volumes, anonymous volumes and tmpfs mounts; bind-mounted files are in `configFiles`.
    package var mounts: [VolumeMount]
    /// Files placed into the container: compose `configs` and bind-mounted single files.
    package var configFiles: [ServiceConfigFile]
    package var secrets: [ServiceSecret]
    package var dependencies: [ServiceDependency]
    package var healthCheck: HealthCheck?
    package var replicas: Int
    /// What the file asked for (`deploy.resources`, `cpus`, `mem_limit`, `x-berth`); `fargateSize`
    /// is the smallest Fargate size that satisfies it.
    package var resources: ResourceRequest
    package var fargateSize: FargateSize
    package var user: String?
    /// The `USER` of the image (or its Dockerfile), found by the deploy when `user` is unset and
    /// the service mounts a named volume: who the container runs as, for its directory's owner.
    package var imageUser: String?
    package var workingDirectory: String?
    package var readOnlyRootFilesystem: Bool
    package var initProcess: Bool
    /// Seconds to wait after SIGTERM before SIGKILL; ECS calls this `stopTimeout`.
    package var stopGracePeriod: Double?
    package var stopSignal: String?
    package var capAdd: [String]
    package var capDrop: [String]
    package var ulimits: [Ulimit]
    package var labels: [NamedValue]
    package var logging: LoggingSettings?
    package var profiles: [String]
    package var platform: String?
    package var aws: ServiceAWSSettings
    /// The service's `x-berth` block, with the chosen environment's overrides applied after
    /// `Site.resolved(environmentName:)`.
    package var berth: BerthServiceSettings

    package init(name: String, location: SourceLocation? = nil, image: String? = nil) {
        self.name = name
        self.location = location
        self.image = image
        self.environment = []
        self.envFiles = []
        self.ports = []
        self.expose = []
        self.mounts = []
        self.configFiles = []
        self.secrets = []
        self.dependencies = []
        self.replicas = 1
        self.resources = ResourceRequest()
        self.fargateSize = .smallest
        self.readOnlyRootFilesystem = false
        self.initProcess = false
        self.capAdd = []
        self.capDrop = []
        self.ulimits = []
        self.labels = []
        self.profiles = []
        self.aws = ServiceAWSSettings()
        self.berth = BerthServiceSettings()
    }

    /// The TCP ports other services reach it on by its name (Service Connect): its ports'
    /// container sides and its `expose:`, as compose's network would offer them.
    package var serviceConnectPorts: [Int] {
        (ports.filter { $0.transport == .tcp }.map(\.target) + expose.filter { $0.transport == .tcp }.map(\.port)).uniqued()
    }

    /// Whether the service is reachable from outside: it publishes a port or has a domain.
    package var isPublic: Bool { ports.contains { $0.published != nil } || berth.domain != nil }

    /// The image reference to deploy, with `x-berth` `image_tag` replacing the tag if given.
    package var deployedImage: String? {
        guard let image else { return nil }
        guard let tag = berth.imageTag else { return image }
        return ImageReference.replacingTag(of: image, with: tag)
    }
}

/// A name with an optional value, for environment variables, labels and build args; nil means
/// "declared without a value".
package struct NamedValue: Sendable, Codable, Equatable {
    package var name: String
    package var value: String?

    package init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

package struct BuildSettings: Sendable, Codable, Equatable {
    /// Relative to the project directory, or a Git/HTTP URL.
    package var context: String
    package var dockerfile: String?
    package var args: [NamedValue]
    package var target: String?
    package var platforms: [String]

    package init(context: String, dockerfile: String? = nil, args: [NamedValue] = [], target: String? = nil, platforms: [String] = []) {
        self.context = context
        self.dockerfile = dockerfile
        self.args = args
        self.target = target
        self.platforms = platforms
    }
}

package struct EnvFileReference: Sendable, Codable, Equatable {
    package var path: String
    package var required: Bool
    /// `format: raw`: each line is `KEY=VALUE` taken as written, without quotes or interpolation.
    package var raw: Bool

    package init(path: String, required: Bool = true, raw: Bool = false) {
        self.path = path
        self.required = required
        self.raw = raw
    }
}

package struct Ulimit: Sendable, Codable, Equatable {
    package var name: String
    package var soft: Int
    package var hard: Int

    package init(name: String, soft: Int, hard: Int) {
        self.name = name
        self.soft = soft
        self.hard = hard
    }
}

package struct LoggingSettings: Sendable, Codable, Equatable {
    package var driver: String?
    package var options: [NamedValue]

    package init(driver: String? = nil, options: [NamedValue] = []) {
        self.driver = driver
        self.options = options
    }
}

/// CPU and memory as requested, before rounding to a Fargate size.
package struct ResourceRequest: Sendable, Codable, Equatable {
    /// vCPUs, e.g. 0.5.
    package var cpus: Double?
    /// An exact Fargate CPU value in units (1024 = 1 vCPU) from `x-berth` `cpu`.
    package var cpuUnits: Int?
    package var memoryMiB: Int?

    package init(cpus: Double? = nil, cpuUnits: Int? = nil, memoryMiB: Int? = nil) {
        self.cpus = cpus
        self.cpuUnits = cpuUnits
        self.memoryMiB = memoryMiB
    }
}
