import Foundation

/// `~/.aws/config` and `~/.aws/credentials`, read once. `AWS_CONFIG_FILE` and
/// `AWS_SHARED_CREDENTIALS_FILE` move them, as in every SDK.
package struct SharedConfigFiles: Sendable {
    package var config: INIFile
    package var credentials: INIFile
    package var configPath: String
    package var credentialsPath: String

    package init(config: INIFile, credentials: INIFile, configPath: String = "", credentialsPath: String = "") {
        self.config = config
        self.credentials = credentials
        self.configPath = configPath
        self.credentialsPath = credentialsPath
    }

    package static func load(environment: [String: String]) -> SharedConfigFiles {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func expand(_ path: String) -> String {
            path.hasPrefix("~/") ? home + path.dropFirst() : path
        }
        let configPath = expand(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        let credentialsPath = expand(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        func read(_ path: String) -> INIFile {
            INIFile(parsing: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
        }
        return SharedConfigFiles(
            config: read(configPath), credentials: read(credentialsPath), configPath: configPath, credentialsPath: credentialsPath)
    }

    /// Whether either file names the profile at all.
    package func hasProfile(_ name: String) -> Bool {
        credentials.sections[name] != nil || config.sections[configSectionName(name)] != nil
    }

    /// The profile's settings: the config file's section, with the credentials file's keys on top.
    package func profile(_ name: String) -> ProfileSettings {
        var values = config.sections[configSectionName(name)]?.values ?? [:]
        let nested = config.sections[configSectionName(name)]?.nested ?? [:]
        for (key, value) in credentials.sections[name]?.values ?? [:] { values[key] = value }
        var services: [String: [String: String]] = [:]
        if let servicesName = values["services"] {
            services = config.sections["services \(servicesName)"]?.nested ?? [:]
        }
        return ProfileSettings(name: name, values: values, nested: nested, services: services)
    }

    /// `[default]` is the default profile's section; others are `[profile NAME]` in the config file.
    private func configSectionName(_ name: String) -> String {
        if name == "default", config.sections["default"] != nil { return "default" }
        return "profile \(name)"
    }
}

/// One profile's settings, merged from both files.
package struct ProfileSettings: Sendable, Equatable {
    package var name: String
    package var values: [String: String]
    package var nested: [String: [String: String]]
    /// The `[services NAME]` section the profile points to, by service config key.
    package var services: [String: [String: String]]

    package init(name: String, values: [String: String] = [:], nested: [String: [String: String]] = [:], services: [String: [String: String]] = [:]) {
        self.name = name
        self.values = values
        self.nested = nested
        self.services = services
    }

    package subscript(key: String) -> String? {
        values[key]
    }

    package func serviceSetting(_ service: String, _ key: String) -> String? {
        services[service]?[key] ?? nested[service]?[key]
    }
}
