import ComposeModel
import Testing

/// `13-merge.md` (multiple files), `extends`, `include`, fragments and profiles.
@Suite struct MergeTests {
    @Test func overrideFileIsDiscoveredAndMerged() throws {
        let result = TestSupport.load(
            """
            services:
              web:
                image: nginx
                command: ["echo", "base"]
                environment: [A=1, B=2]
                ports: ["8080:80"]
                volumes: [data:/data]
                cap_add: [SYS_PTRACE]
            volumes:
              data:
              other:
            """,
            files: [
                "compose.override.yaml": """
                services:
                  web:
                    command: ["echo", "override"]
                    environment:
                      B: "20"
                      C: "3"
                    ports: ["8080:80", "9090:90"]
                    volumes: ["other:/data"]
                """
            ])
        #expect(result.files == ["compose.yaml", "compose.override.yaml"])
        let web = try #require(result.site?.service(named: "web"))
        #expect(web.command == ["echo", "override"])
        #expect(web.environment == [NamedValue(name: "A", value: "1"), NamedValue(name: "B", value: "20"), NamedValue(name: "C", value: "3")])
        #expect(web.ports.map(\.published) == [8080, 9090])
        #expect(web.mounts.map { $0.source ?? "" } == ["other"])
    }

    @Test func explicitFilesMergeInOrderWithResetAndOverride() throws {
        let result = TestSupport.load(
            """
            services:
              app:
                image: myapp
                ports: ["8080:80"]
                environment:
                  FOO: BAR
                  KEEP: "1"
                expose: ["1000"]
            """,
            files: [
                "prod.yaml": """
                services:
                  app:
                    ports: !override
                      - "8443:443"
                    environment:
                      FOO: !reset null
                    expose: !reset []
                """
            ],
            composeFiles: ["compose.yaml", "prod.yaml"])
        let app = try #require(result.site?.service(named: "app"))
        #expect(app.ports.map(\.target) == [443])
        #expect(app.environment.map(\.name) == ["KEEP"])
        #expect(app.expose.isEmpty)
        #expect(!result.renderedDocument().contains("!reset"))
    }

    @Test func anchorsMergeKeysAndFragments() throws {
        let result = TestSupport.load(
            """
            x-common: &common
              image: base:1
              environment: &env
                TZ: UTC
              restart: always
            services:
              a:
                <<: *common
                environment:
                  <<: *env
                  EXTRA: "yes"
              b:
                <<: *common
                image: other:2
            """)
        let site = try #require(result.site)
        #expect(site.service(named: "a")?.image == "base:1")
        #expect(site.service(named: "a")?.environment.map(\.name) == ["TZ", "EXTRA"])
        #expect(site.service(named: "b")?.image == "other:2")
        #expect(!result.hasErrors)
    }

    @Test func extendsInSameAndOtherFile() throws {
        let result = TestSupport.load(
            """
            services:
              base:
                image: busybox
                user: root
                environment: { TZ: utc, PORT: "80" }
              common:
                extends: base
                volumes: ["./a.conf:/etc/a.conf"]
              cli:
                extends:
                  service: common
                environment:
                  PORT: "8080"
              remote:
                extends:
                  file: shared/common.yaml
                  service: worker
            """,
            files: [
                "a.conf": "x",
                "shared/common.yaml": "services:\n  worker:\n    build: ./worker\n    env_file: worker.env\n",
                "shared/worker.env": "A=1",
            ])
        #expect(!result.hasErrors, "\(result.errorSummaries)")
        let site = try #require(result.site)
        let cli = try #require(site.service(named: "cli"))
        #expect(cli.user == "root")
        #expect(cli.environment == [NamedValue(name: "TZ", value: "utc"), NamedValue(name: "PORT", value: "8080")])
        #expect(cli.configFiles.map(\.target) == ["/etc/a.conf"])
        let remote = try #require(site.service(named: "remote"))
        #expect(remote.build?.context == "./shared/worker")
        #expect(remote.envFiles.map(\.path) == ["shared/worker.env"])
    }

    @Test func extendsCycleAndMissingBaseAreErrors() {
        let result = TestSupport.load(
            """
            services:
              a:
                extends: b
              b:
                extends: a
              c:
                image: x
                extends: nope
            """)
        #expect(result.diagnostics(matching: "extends forms a cycle").count >= 1)
        #expect(result.diagnostics(matching: "no service \"nope\"").first?.location?.line == 8)
    }

    @Test func includeLoadsProjectsWithTheirOwnEnvAndPaths() throws {
        let result = TestSupport.load(
            """
            include:
              - db/compose.yaml
              - path: cache/compose.yaml
                env_file: cache/custom.env
            services:
              web:
                image: nginx
                depends_on: [db, cache]
            """,
            files: [
                "db/compose.yaml": "services:\n  db:\n    image: postgres:${PG:-15}\n    volumes: [pg:/var/lib/postgresql/data]\nvolumes:\n  pg:\n",
                "db/.env": "PG=16",
                "cache/compose.yaml": "services:\n  cache:\n    build: .\n    image: redis:${REDIS}\n",
                "cache/custom.env": "REDIS=7",
            ])
        #expect(!result.hasErrors, "\(result.errorSummaries)")
        let site = try #require(result.site)
        #expect(site.services.map(\.name) == ["web", "db", "cache"])
        #expect(site.service(named: "db")?.image == "postgres:16")
        #expect(site.service(named: "cache")?.image == "redis:7")
        #expect(site.service(named: "cache")?.build?.context == "./cache")
        #expect(site.volumes.map(\.name) == ["pg"])
    }

    @Test func includeConflictIsAnError() {
        let result = TestSupport.load(
            "include: [other.yaml]\nservices:\n  web:\n    image: a\n",
            files: ["other.yaml": "services:\n  web:\n    image: b\n"])
        #expect(result.diagnostics(matching: "already defined").first?.location?.file == "other.yaml")
    }

    @Test func includeCycleIsAnError() {
        let result = TestSupport.load(
            "include: [other.yaml]\nservices:\n  web:\n    image: a\n",
            files: ["other.yaml": "include: [compose.yaml]\nservices:\n  api:\n    image: b\n"])
        #expect(!result.diagnostics(matching: "forms a cycle").isEmpty)
    }

    @Test func profilesSelectServices() throws {
        let yaml = """
            services:
              foo: { image: foo }
              bar: { image: bar, profiles: [test] }
              zot: { image: zot, profiles: [debug], depends_on: [bar] }
            """
        let none = TestSupport.load(yaml)
        #expect(none.site?.services.map(\.name) == ["foo"])
        let test = TestSupport.load(yaml, profiles: ["test"])
        #expect(test.site?.services.map(\.name) == ["foo", "bar"])
        let debug = TestSupport.load(yaml, profiles: ["debug"])
        #expect(debug.diagnostics(matching: "which no active profile enables").first?.location?.line == 4)
        let all = TestSupport.load(yaml, environment: ["COMPOSE_PROFILES": "test,debug"])
        #expect(all.site?.services.count == 3)
        #expect(!all.hasErrors)
        let optional = TestSupport.load(
            "services:\n  foo: {image: foo, depends_on: {bar: {condition: service_started, required: false}}}\n  bar: {image: bar, profiles: [test]}\n"
        )
        #expect(optional.diagnostics.isEmpty, "\(optional.diagnostics)")
    }

    @Test(arguments: [
        ("My Site!", "mysite"),
        ("__berth-app", "berth-app"),
        ("Web_2", "web_2"),
    ])
    func folderNamesAreNormalized(folder: String, expected: String) throws {
        let fileSystem = InMemoryFileSystem(files: ["/x/\(folder)/compose.yaml": "services:\n  a:\n    image: a\n"])
        let result = ComposeLoader.load(ComposeLoadOptions(workingDirectory: "/x/\(folder)", fileSystem: fileSystem))
        #expect(result.site?.projectName == expected)
    }

    @Test func projectNamePrecedence() {
        let yaml = "name: from-file\nservices:\n  a:\n    image: a\n"
        #expect(TestSupport.load(yaml).site?.projectName == "from-file")
        #expect(TestSupport.load(yaml, environment: ["COMPOSE_PROJECT_NAME": "from-env"]).site?.projectName == "from-env")
        #expect(TestSupport.load(yaml, projectName: "from-flag").site?.projectName == "from-flag")
        #expect(TestSupport.load("services:\n  a:\n    image: a\n").site?.projectName == "project")
        let invalid = TestSupport.load("name: Bad Name\nservices:\n  a:\n    image: a\n")
        #expect(invalid.diagnostics(matching: "not a valid project name").first?.location?.line == 1)
        let interpolated = TestSupport.load(
            "name: site-${STAGE}\nservices:\n  a:\n    image: \"${COMPOSE_PROJECT_NAME}\"\n", environment: ["STAGE": "dev"])
        #expect(interpolated.site?.service(named: "a")?.image == "site-dev")
    }

    @Test func discoveryPrefersComposeYamlAndSearchesParents() {
        let fileSystem = InMemoryFileSystem(
            files: [
                "/repo/docker-compose.yml": "services:\n  old:\n    image: a\n",
                "/repo/compose.yaml": "services:\n  new:\n    image: a\n",
            ], directories: ["/repo/sub/dir"])
        let result = ComposeLoader.load(ComposeLoadOptions(workingDirectory: "/repo/sub/dir", fileSystem: fileSystem))
        #expect(result.site?.services.map(\.name) == ["new"])
        #expect(result.warnings.contains { $0.message.contains("found several compose files") })
        let none = ComposeLoader.load(ComposeLoadOptions(workingDirectory: "/empty", fileSystem: InMemoryFileSystem()))
        #expect(none.site == nil)
        #expect(none.hasErrors)
    }

    @Test func renderedDocumentIsCanonicalAndReparses() throws {
        let result = TestSupport.load(
            """
            services:
              web:
                image: "nginx:${TAG:-1}"
                environment: [A=1, "B"]
                depends_on: [db]
                ports: ["80:80"]
                labels: { quoted: "8080" }
              db: { image: postgres }
            """)
        let text = result.renderedDocument()
        #expect(text.contains("image: nginx:1"))
        #expect(text.contains("condition: service_started"))
        #expect(text.contains("quoted: \"8080\""))
        #expect(text.contains("- \"80:80\""))
        let again = TestSupport.load(text)
        #expect(
            again.site?.services
                == result.site?.services.map { service in
                    var copy = service
                    copy.location = again.site?.service(named: service.name)?.location
                    copy.ports = copy.ports.enumerated().map { index, port in
                        var port = port
                        port.location = again.site?.service(named: service.name)?.ports[index].location
                        return port
                    }
                    copy.dependencies = copy.dependencies.enumerated().map { index, dependency in
                        var dependency = dependency
                        dependency.location = again.site?.service(named: service.name)?.dependencies[index].location
                        return dependency
                    }
                    return copy
                })
    }
}

extension MergeTests {
    @Test func volumesOfDisabledServicesGetNoFileSystem() throws {
        let yaml = """
            services:
              web: { image: web, volumes: [uploads:/data] }
              db: { image: db, profiles: [db], volumes: [dbdata:/var/lib/db] }
            volumes:
              uploads: {}
              dbdata: {}
            """
        let result = TestSupport.load(yaml)
        #expect(!result.hasErrors, "\(result.errorSummaries)")
        #expect(result.site?.volumes.map(\.name) == ["uploads"])
        #expect(result.diagnostics(matching: "no active service mounts volume dbdata").first?.location?.line == 6)
        #expect(TestSupport.load(yaml, profiles: ["db"]).site?.volumes.map(\.name) == ["uploads", "dbdata"])
    }
}
