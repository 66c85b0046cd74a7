import ArgumentParser

/// Options every command shares, defined once and included with `@OptionGroup`.
package struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: [.customShort("f"), .long], help: ArgumentHelp("Compose file (repeatable; later files override earlier ones).", valueName: "file"))
    package var file: [String] = []

    @Option(help: ArgumentHelp("The x-berth environment to use, e.g. dev or prod.", valueName: "name"))
    package var env: String?

    @Option(name: .customLong("project-name"), help: ArgumentHelp("Project name (default: compose name: or the folder's name).", valueName: "name"))
    package var projectName: String?

    @Option(name: .customLong("env-file"), help: ArgumentHelp("Interpolation variables file (repeatable; default: .env).", valueName: "file"))
    package var envFile: [String] = []

    @Option(
        name: .customLong("compose-profile"),
        help: ArgumentHelp("Compose profile to enable, as docker compose --profile (repeatable; default: COMPOSE_PROFILES).", valueName: "name"))
    package var composeProfile: [String] = []

    @Option(help: ArgumentHelp("AWS profile from ~/.aws/config (default: AWS_PROFILE, then the credential chain).", valueName: "name"))
    package var profile: String?

    @Option(help: ArgumentHelp("AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's).", valueName: "region"))
    package var region: String?

    @Option(help: "Output format: text or json.")
    package var output: OutputFormat = .text

    @Flag(help: "Print one line per AWS request (service, operation, status, latency, request id).")
    package var verbose = false

    package init() {}
}
