import BerthTesting
import Foundation
import Testing

@testable import BerthCLI

/// `berth dev` end to end with a fake `docker` on PATH that records its arguments: no Docker
/// engine runs here, so the exact command lines and the files are what is checked.
struct DevCommandTests {
    static let compose = """
        name: shop
        services:
          proxy:
            image: nginx:1.27-alpine
            ports: ["80:80"]
            depends_on: [web]
          web:
            image: node:22-alpine
            expose: ["3000"]
            environment:
              API_URL: http://api:8080/v1
              DB_HOST: db
              PORT: "3000"
              TOKEN: secret-never-printed
            depends_on: [api, db]
            x-berth:
              dev: {host: true, command: 'echo "web on $$PORT, api at $$API_URL, db at $$DB_HOST"'}
          api:
            image: golang:1.23
            expose: ["8080"]
            depends_on: {db: {condition: service_healthy}}
          db:
            image: postgres:17
            expose: ["5432"]
        """

    let folder: URL
    let bin: URL
    var log: URL { folder.appendingPathComponent("docker-calls") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-dev-\(UUID().uuidString)")
        bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try Data(Self.compose.utf8).write(to: folder.appendingPathComponent("compose.yaml"))
    }

    /// A `docker` that appends its arguments (one call a line) to `docker-calls`, answers
    /// `version` with `engine`'s status, and prints `probe` for `compose … run`.
    func fakeDocker(engine: Int32 = 0, probe: String = "") throws {
        let script = """
            #!/bin/sh
            echo "$*" >> '\(log.path)'
            case "$1" in version) exit \(engine) ;; esac
            for a in "$@"; do [ "$a" = run ] && { printf '%s' '\(probe)'; exit 0; }; done
            exit 0

            """
        try writeExecutable(script, to: bin.appendingPathComponent("docker"))
    }

    var berth: InProcessBerth {
        InProcessBerth(
            folder: folder, environment: ["PATH": bin.path + ":/usr/bin:/bin", "HOME": folder.path],
            transport: FakeTransport { _, _ in
                Issue.record("berth dev sent an AWS request")
                return FakeTransport.json(500, "{}")
            })
    }

    var calls: [String] { ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }

    @Test func withoutDockerItSaysSoInOneLine() async throws {
        let result = await berth("dev", "--phase", "1")
        #expect(result.status == 1)
        #expect(result.error.contains("docker is not installed (not on PATH)"), "\(result.error)")
        try fakeDocker(engine: 1)
        let stopped = await berth("dev", "--phase", "2")
        #expect(stopped.status == 1)
        #expect(stopped.error.contains("no Docker engine answers"), "\(stopped.error)")
        #expect(calls == ["version --format {{.Server.Version}}"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".berth/dev/phase2.yaml").path))
    }

    @Test func printShowsTheFilesAndCommandsAndRunsNothing() async throws {
        try fakeDocker()
        let result = await berth("dev", "--phase", "1", "--print")
        #expect(result.status == 0, "\(result.error)")
        #expect(calls.isEmpty)
        #expect(
            result.output.contains(
                "  docker compose --project-name shop -f compose.yaml -f .berth/dev/phase1.yaml up --detach --wait --remove-orphans"))
        #expect(result.output.contains("API_URL=http://localhost:8080/v1") && result.output.contains("DB_HOST=localhost"))
        #expect(!result.output.contains("secret-never-printed") && !result.error.contains("secret-never-printed"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".berth").path))
    }

    /// Phase 1 with `--run`: the files, the containers started, the web service's command run
    /// with its rewritten environment, then the containers stopped.
    @Test func phaseOneRunsTheHostServiceBesideTheContainers() async throws {
        try fakeDocker()
        let result = await berth("dev", "--phase", "1", "--run")
        #expect(result.status == 0, "\(result.error)")
        let compose = "compose --project-name shop -f compose.yaml -f .berth/dev/phase1.yaml"
        #expect(
            calls == [
                "version --format {{.Server.Version}}", "\(compose) rm --stop --force web", "\(compose) up --detach --wait --remove-orphans",
                "\(compose) logs --follow --since 0s", "\(compose) stop",
            ])
        #expect(result.error.contains("web | web on 3000, api at http://localhost:8080/v1, db at localhost"), "\(result.error)")
        #expect(result.output.contains("http://localhost/  proxy") && result.output.contains("http://localhost:3000/  web"))
        let env = folder.appendingPathComponent(".berth/dev/web.env").path
        #expect((try FileManager.default.attributesOfItem(atPath: env)[.posixPermissions] as? Int) == 0o600)
        let override = try String(contentsOfFile: folder.appendingPathComponent(".berth/dev/phase1.yaml").path, encoding: .utf8)
        #expect(override.contains("      - \"127.0.0.1:8080:8080\"") && override.contains("      - \"127.0.0.1:5432:5432\""))
        #expect(result.error.contains("note: add .berth/ to .gitignore"))

        // down and logs repeat the last up's files.
        let down = await berth("dev", "down")
        #expect(down.status == 0, "\(down.error)")
        #expect(calls.last == "\(compose) down --remove-orphans")
    }

    /// Phase 2 with `--check`: the probe container's lines become the matrix; a closed port fails.
    @Test func phaseTwoChecksTheConnectionsInsideTheNetwork() async throws {
        try fakeDocker(probe: "berth-probe web web 3000 open\nberth-probe api api 8080 open\nberth-probe db db 5432 closed\n")
        let result = await berth("dev", "--phase", "2", "--check")
        #expect(result.status == 1, "\(result.error)")
        let compose = "compose --project-name shop --project-directory . -f .berth/dev/phase2.yaml"
        #expect(
            calls == [
                "version --format {{.Server.Version}}", "\(compose) up --detach --wait --remove-orphans --build",
                "\(compose) run --rm --no-deps berth-probe",
            ])
        #expect(result.output.contains("reaches  web"), "\(result.output)")
        #expect(result.output.split(separator: "\n").contains { $0.hasPrefix("api ") && $0.hasSuffix("FAIL 0/1 :5432") }, "\(result.output)")
        let file = try String(contentsOfFile: folder.appendingPathComponent(".berth/dev/phase2.yaml").path, encoding: .utf8)
        #expect(file.contains("BERTH_PROBES: web@web:3000 api@api:8080 db@db:5432"))
    }
}
