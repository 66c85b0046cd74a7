import Foundation

/// A Docker configuration folder for one push, in which ECR registries are answered by Berth as
/// a credential helper (`docker-credential-berth-ecr`, which runs `berth ecr-credential`). The
/// ECR token is fetched when docker asks and handed over on a pipe: it is never written to disk,
/// printed, or stored in the user's own Docker configuration (as `docker login` would store it).
///
/// The folder mirrors the user's (`DOCKER_CONFIG`, else `~/.docker`): their `config.json` with
/// `credHelpers` added for the registries, and links to everything else (contexts, CLI plugins
/// such as buildx), so docker talks to the same engine as usual.
struct RegistryLoginConfig {
    static let helperName = "berth-ecr"

    let folder: URL

    /// - Parameters:
    ///   - registries: the ECR registry hosts to answer for.
    ///   - berth: the path of the running Berth executable, which the helper runs.
    init(registries: [String], berth: String, environment: [String: String]) throws {
        let files = FileManager.default
        folder = files.temporaryDirectory.appendingPathComponent("berth-docker-\(UUID().uuidString)")
        try files.createDirectory(at: folder.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
        let own = Self.userConfigDirectory(environment)
        var config: [String: Any] = [:]
        if let data = files.contents(atPath: own + "/config.json"),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            config = object
        }
        var helpers = config["credHelpers"] as? [String: String] ?? [:]
        for registry in registries { helpers[registry] = Self.helperName }
        config["credHelpers"] = helpers
        try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys])
            .write(to: folder.appendingPathComponent("config.json"))
        for entry in (try? files.contentsOfDirectory(atPath: own)) ?? [] where entry != "config.json" {
            try? files.createSymbolicLink(atPath: folder.appendingPathComponent(entry).path, withDestinationPath: own + "/" + entry)
        }
        let helper = folder.appendingPathComponent("bin/docker-credential-\(Self.helperName)")
        try "#!/bin/sh\nexec '\(berth.replacingOccurrences(of: "'", with: "'\\''"))' ecr-credential \"$@\"\n".write(
            to: helper, atomically: true, encoding: .utf8)
        try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: helper.path)
    }

    /// The environment docker runs with: this folder as its configuration, the helper on `PATH`.
    func environment(_ base: [String: String]) -> [String: String] {
        var environment = base
        environment["DOCKER_CONFIG"] = folder.path
        environment["PATH"] = folder.appendingPathComponent("bin").path + ":" + (base["PATH"] ?? "/usr/bin:/bin")
        return environment
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    static func userConfigDirectory(_ environment: [String: String]) -> String {
        if let configured = environment["DOCKER_CONFIG"], !configured.isEmpty { return configured }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.docker"
    }

    /// The running executable, for the helper to run again.
    static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
