import ComposeModel
import DeployEngine
import Foundation
import ImageRegistry

/// `Tests/Fixtures/realworld`: compose files as their projects publish them (see its README).
enum RealWorldCorpus {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/realworld")
    }

    /// Every project folder, by name.
    static var projects: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("\($0)/SOURCE").path)
        }.sorted()
    }

    /// The compose file's name, from the `path:` line of the folder's SOURCE.
    static func composeFile(of project: String) -> String? {
        guard let source = try? String(contentsOf: directory.appendingPathComponent("\(project)/SOURCE"), encoding: .utf8) else { return nil }
        let path = source.split(separator: "\n").first { $0.hasPrefix("path:") }?.dropFirst("path:".count).trimmingCharacters(in: .whitespaces)
        return path.map { URL(fileURLWithPath: $0).lastPathComponent }
    }

    /// Credentials in the deployer's shell that must never reach a template, a task definition or
    /// an error message.
    static let canaryEnvironment = [
        "AWS_ACCESS_KEY_ID": "AKIABERTHCANARY4F1C", "AWS_SECRET_ACCESS_KEY": "berth-canary-secret-9d2e7a",
        "AWS_SESSION_TOKEN": "berth-canary-token-77c0",
    ]
    static let canaries = ["AKIABERTHCANARY4F1C", "berth-canary-secret-9d2e7a", "berth-canary-token-77c0"]

    static func load(_ project: String) -> ComposeLoadResult {
        ComposeLoader.load(
            ComposeLoadOptions(
                files: composeFile(of: project).map { [$0] } ?? [], workingDirectory: directory.appendingPathComponent(project).path,
                processEnvironment: canaryEnvironment))
    }

    /// What the registries answer for the images these files name: the `EXPOSE` lines of each
    /// image's published Dockerfile (official images on Docker Hub and the projects' own).
    /// Images missing here are "not found", as an image not pushed yet would be.
    static let imagePorts: [String: [Int]] = [
        "library/mysql": [3306, 33060], "library/mariadb": [3306], "library/postgres": [5432], "library/redis": [6379],
        "library/mongo": [27017], "library/memcached": [11211], "library/nginx": [80], "library/wordpress": [80], "library/drupal": [80],
        "library/joomla": [80], "library/nextcloud": [9000], "library/ghost": [2368], "library/matomo": [80], "library/rabbitmq": [5672, 15672],
        "library/caddy": [80, 443, 2019], "mailhog/mailhog": [1025, 8025], "docmost/docmost": [3000], "umami-software/umami": [3000],
        "requarks/wiki": [3000, 3443], "listmonk/listmonk": [9000], "louislam/uptime-kuma": [3001], "valkey/valkey": [6379],
        "edoburu/pgbouncer": [5432], "n8nio/n8n": [5678], "dunglas/mercure": [80, 443], "library/kong": [8000, 8001, 8443, 8444],
    ]

    struct Registry: ImageConfigSource {
        func config(of image: ImageReference, platform: RegistryClient.Platform) async throws(RegistryError) -> ImageConfig {
            guard let ports = RealWorldCorpus.imagePorts[image.repository] else {
                throw RegistryError(.notFound, image: image.description, "the registry has no such image", code: "NAME_UNKNOWN")
            }
            return ImageConfig(exposedPorts: ports.map { .init(number: $0) }, digest: "sha256:" + String(repeating: "c", count: 64))
        }
    }
}
