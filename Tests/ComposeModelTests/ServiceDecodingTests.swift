import ComposeModel
import Testing

/// How service keys land in the typed model.
@Suite struct ServiceDecodingTests {
    @Test(arguments: [
        ("3000", [PortMapping(target: 3000)]),
        ("8000:8000", [PortMapping(target: 8000, published: 8000)]),
        ("9090-9091:8080-8081", [PortMapping(target: 8080, published: 9090), PortMapping(target: 8081, published: 9091)]),
        // Bound to loopback: inside the site only (ContainerPortExposureTests).
        ("127.0.0.1:8001:8001", [PortMapping(target: 8001, hostIP: "127.0.0.1")]),
        ("[::1]:6001:6001", [PortMapping(target: 6001, hostIP: "::1")]),
        ("::1:6000:6000", [PortMapping(target: 6000, hostIP: "::1")]),
        ("0.0.0.0:8002:8002", [PortMapping(target: 8002, published: 8002, hostIP: "0.0.0.0")]),
        ("6060:6060/udp", [PortMapping(target: 6060, published: 6060, transport: .udp)]),
        ("8000-9000:80", [PortMapping(target: 80, published: 8000)]),
    ])
    func shortPortSyntax(text: String, expected: [PortMapping]) throws {
        let result = TestSupport.load("services:\n  web:\n    image: x\n    ports: [\"\(text)\"]\n")
        #expect(!result.hasErrors, "\(result.errorSummaries)")
        let ports = try #require(result.site?.service(named: "web")?.ports).map { port -> PortMapping in
            var port = port
            port.location = nil
            return port
        }
        #expect(ports == expected)
    }

    @Test(arguments: ["80:80:80:80/tcp", "abc", "70000", "80/sctp", "1-1000:1-1000", "90-80"])
    func badPortSyntax(text: String) {
        let result = TestSupport.load("services:\n  web:\n    image: x\n    ports: [\"\(text)\"]\n")
        #expect(result.errors.first?.location?.line == 4, "\(result.errorSummaries)")
    }

    @Test func commandsHealthchecksAndSettings() throws {
        let result = TestSupport.load(
            """
            services:
              web:
                image: x
                command: sh -c 'echo "hello world"' --flag
                entrypoint: ["/entry", "a b"]
                healthcheck:
                  test: curl -f http://localhost || exit 1
                  interval: 1m30s
                  timeout: 500ms
                  retries: 3
                user: "1000:1000"
                working_dir: /app
                read_only: true
                init: true
                stop_grace_period: 1m
                ulimits:
                  nofile: { soft: 1024, hard: 4096 }
                  nproc: 512
                logging: { driver: json-file, options: { max-size: 10m } }
                tmpfs: /run
                volumes: ["/cache"]
                env_file:
                  - path: missing.env
                    required: false
              job:
                image: x
                healthcheck: { test: ["NONE"] }
            """)
        #expect(!result.hasErrors, "\(result.errorSummaries)")
        let web = try #require(result.site?.service(named: "web"))
        #expect(web.command == ["sh", "-c", "echo \"hello world\"", "--flag"])
        #expect(web.entrypoint == ["/entry", "a b"])
        #expect(web.healthCheck?.test == ["CMD-SHELL", "curl -f http://localhost || exit 1"])
        #expect(web.healthCheck?.intervalSeconds == 90)
        #expect(web.healthCheck?.timeoutSeconds == 0.5)
        #expect(web.healthCheck?.retries == 3)
        #expect(web.user == "1000:1000")
        #expect(web.readOnlyRootFilesystem && web.initProcess)
        #expect(web.stopGracePeriod == 60)
        #expect(web.ulimits == [Ulimit(name: "nofile", soft: 1024, hard: 4096), Ulimit(name: "nproc", soft: 512, hard: 512)])
        #expect(web.logging?.options == [NamedValue(name: "max-size", value: "10m")])
        #expect(web.mounts.map(\.kind) == [.tmpfs, .ephemeral])
        #expect(web.envFiles == [EnvFileReference(path: "missing.env", required: false)])
        #expect(result.site?.service(named: "job")?.healthCheck?.disabled == true)
        #expect(result.warnings.contains { $0.path == "services.web.tmpfs" })
    }

    @Test func configsSecretsAndBindMountedFiles() throws {
        let result = TestSupport.load(
            """
            services:
              proxy:
                image: nginx
                volumes:
                  - ./nginx.conf:/etc/nginx/nginx.conf:ro
                  - type: bind
                    source: ./site.conf
                    target: /etc/nginx/conf.d/site.conf
                configs:
                  - banner
                  - source: app
                    target: /etc/app.yaml
                    mode: "0440"
                secrets: [db, { source: api, target: api-key }]
            configs:
              banner: { content: "hello" }
              app: { file: ./app.yaml }
            secrets:
              db: { file: ./db.txt }
              api: { environment: API_KEY }
            """,
            files: ["nginx.conf": "events {}", "site.conf": "server {}", "app.yaml": "a: 1", "db.txt": "pw"],
            environment: ["API_KEY": "k"])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let site = try #require(result.site)
        let proxy = try #require(site.service(named: "proxy"))
        #expect(proxy.configFiles.map(\.target) == ["/etc/nginx/nginx.conf", "/etc/nginx/conf.d/site.conf", "/banner", "/etc/app.yaml"])
        #expect(proxy.configFiles.map(\.origin) == [.bindMount, .bindMount, .config, .config])
        #expect(proxy.configFiles[1].source == ContentSource(kind: .file, value: "site.conf"))
        #expect(proxy.secrets.map(\.target) == ["/run/secrets/db", "/run/secrets/api-key"])
        #expect(site.configs.map(\.source.kind) == [.content, .file])
        #expect(site.secrets.map(\.source) == [ContentSource(kind: .file, value: "db.txt"), ContentSource(kind: .environment, value: "API_KEY")])
    }

    @Test func undeclaredReferencesAreErrors() {
        let result = TestSupport.load(
            """
            services:
              web:
                image: x
                secrets: [nope]
                configs: [missing]
                networks: [back]
            """)
        #expect(
            result.errorSummaries == [
                "4:15 services.web.secrets[0]: secret \"nope\" is not declared",
                "5:15 services.web.configs[0]: config \"missing\" is not declared",
                "6:16 services.web.networks.back: network \"back\" is not declared",
            ])
    }

    @Test func environmentWithoutValueComesFromTheShell() throws {
        let result = TestSupport.load(
            "services:\n  web:\n    image: x\n    environment: [FROM_SHELL, UNSET_TOO]\n", environment: ["FROM_SHELL": "yes"])
        let web = try #require(result.site?.service(named: "web"))
        #expect(web.environment == [NamedValue(name: "FROM_SHELL", value: "yes"), NamedValue(name: "UNSET_TOO", value: nil)])
    }
}

extension ServiceDecodingTests {
    @Test func healthCheckValuesOutsideECSRangesAreNoted() throws {
        let result = TestSupport.load(
            "services:\n  web:\n    image: x\n    healthcheck:\n      test: [CMD, true]\n      interval: 1s\n      retries: 20\n      timeout: 10s\n")
        #expect(!result.hasErrors, "\(result.errorSummaries)")
        let notes = result.diagnostics.filter { $0.severity == .note }.map { "\($0.location?.line ?? 0) \($0.message)" }
        #expect(
            notes == [
                "6 ECS accepts 5–300s here, so the task's health check uses 5s",
                "7 ECS accepts 1–10 here, so the task's health check uses 10",
            ])
    }
}

extension ServiceDecodingTests {
    @Test func aConfigFileTooLargeToShipIsRefusedWhereItIsNamed() {
        let huge = String(repeating: "x", count: 256 * 1024 + 1)
        let result = TestSupport.load(
            """
            services:
              web:
                image: nginx
                volumes: ["./big.conf:/etc/nginx/nginx.conf:ro", "./fine.conf:/etc/fine.conf"]
                configs: [other]
            configs:
              other:
                file: ./big.conf
            """,
            files: ["big.conf": huge, "fine.conf": String(repeating: "y", count: 9000)])
        #expect(
            result.errorSummaries == [
                "4:15 services.web.volumes[0]: big.conf is 262145 bytes; config files go up to 256 KB",
                "8:11 configs.other.file: big.conf is 262145 bytes; config files go up to 256 KB",
            ])
    }
}
