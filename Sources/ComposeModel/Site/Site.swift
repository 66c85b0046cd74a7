/// A compose project turned into typed values: what every later step (templates, deploy, local
/// runs) reads instead of YAML.
///
/// Order matters and is kept (services print in the order they were written), so collections are
/// arrays of named values rather than dictionaries.
package struct Site: Sendable, Codable, Equatable {
    /// The compose project name, normalised (`name:`, `--project-name` or the folder).
    package var projectName: String
    /// Absolute directory that relative paths (build contexts, config files) are relative to.
    package var projectDirectory: String
    package var services: [Service]
    package var volumes: [NamedVolume]
    package var configs: [ConfigDefinition]
    package var secrets: [SecretDefinition]
    package var networks: [NetworkDefinition]
    /// The top-level `x-aws-*` keys.
    package var aws: AWSSettings
    /// The top-level `x-berth` block.
    package var berth: BerthSettings
    /// The x-berth environment whose overrides were applied by `resolved(environmentName:)`, if any.
    package var environmentName: String?

    package init(
        projectName: String,
        projectDirectory: String,
        services: [Service] = [],
        volumes: [NamedVolume] = [],
        configs: [ConfigDefinition] = [],
        secrets: [SecretDefinition] = [],
        networks: [NetworkDefinition] = [],
        aws: AWSSettings = AWSSettings(),
        berth: BerthSettings = BerthSettings(),
        environmentName: String? = nil
    ) {
        self.projectName = projectName
        self.projectDirectory = projectDirectory
        self.services = services
        self.volumes = volumes
        self.configs = configs
        self.secrets = secrets
        self.networks = networks
        self.aws = aws
        self.berth = berth
        self.environmentName = environmentName
    }

    package func service(named name: String) -> Service? {
        services.first { $0.name == name }
    }

    package func volume(named name: String) -> NamedVolume? {
        volumes.first { $0.name == name }
    }

    /// Where a service's config file comes from: the top-level config its `configs:` entry names,
    /// else the file itself (a bind-mounted single file).
    package func source(of file: ServiceConfigFile) -> ContentSource {
        file.configName.flatMap { name in configs.first { $0.name == name }?.source } ?? file.source
    }

    /// The top-level secret a service's `secrets:` entry names; nil when it names none (validation
    /// reports that before anything reads it).
    package func definition(of secret: ServiceSecret) -> SecretDefinition? {
        secrets.first { $0.name == secret.source }
    }

    /// The names of the environments declared under `x-berth.environments`, in file order.
    package var environmentNames: [String] { berth.environments.map(\.name) }

    /// The AWS region: the environment's, else `x-berth.region`.
    package var region: String? { berth.region }
}
