import ComposeModel
import Testing

/// Each error the issue lists, asserted with its line and column.
@Suite struct DiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var yaml: String
        var files: [String: String] = [:]
        var directories: Set<String> = []
        /// `line:column path` of the expected diagnostic.
        var position: String
        var message: String
        var severity: Diagnostic.Severity = .error
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(
            id: "yaml syntax",
            yaml: """
                services:
                  web:
                    image: nginx
                   ports: ["80"]
                """,
            position: "4:4 ", message: "YAML syntax error"),
        Case(
            id: "wrong type",
            yaml: """
                services:
                  web:
                    image: nginx
                    deploy:
                      replicas: three
                """,
            position: "5:17 services.web.deploy.replicas", message: "\"three\" is not a whole number"),
        Case(
            id: "mapping where a list belongs",
            yaml: """
                services:
                  web:
                    image: nginx
                    ports:
                      http: 80
                """,
            position: "5:7 services.web.ports", message: "expected a list, found a mapping"),
        Case(
            id: "unknown service in depends_on",
            yaml: """
                services:
                  web:
                    image: nginx
                    depends_on:
                      - dbb
                  db:
                    image: postgres
                """,
            position: "5:9 services.web.depends_on.dbb", message: "depends on \"dbb\", which is not a service"),
        Case(
            id: "depends_on cycle",
            yaml: """
                services:
                  a:
                    image: x
                    depends_on: [b]
                  b:
                    image: x
                    depends_on:
                      c:
                        condition: service_healthy
                  c:
                    image: x
                    depends_on: [a]
                """,
            position: "12:18 services.c.depends_on.a", message: "depends_on forms a cycle: a → b → c → a"),
        Case(
            id: "undeclared named volume",
            yaml: """
                services:
                  db:
                    image: postgres
                    volumes:
                      - pgdata:/var/lib/postgresql/data
                """,
            position: "5:9 services.db.volumes[0]", message: "volume \"pgdata\" is not declared"),
        Case(
            id: "bad port syntax",
            yaml: """
                services:
                  web:
                    image: nginx
                    ports:
                      - "8080:http"
                """,
            position: "5:9 services.web.ports[0]", message: "\"http\" is not a port number"),
        Case(
            id: "unset required variable",
            yaml: """
                services:
                  web:
                    image: nginx:${TAG:?set TAG to the release to deploy}
                """,
            position: "3:12 services.web.image", message: "required variable TAG is not set: set TAG to the release to deploy"),
        Case(
            id: "neither image nor build",
            yaml: """
                services:
                  web:
                    ports: ["80:80"]
                """,
            position: "2:3 services.web", message: "neither image nor build"),
        Case(
            id: "invalid Fargate size",
            yaml: """
                services:
                  web:
                    image: nginx
                    x-berth:
                      cpu: 256
                      memory: 4G
                """,
            position: "6:15 services.web.x-berth.memory", message: "4096 MiB of memory is not possible with 256 CPU units"),
        Case(
            id: "size beyond Fargate",
            yaml: """
                services:
                  web:
                    image: nginx
                    deploy:
                      resources:
                        limits:
                          cpus: "32"
                """,
            position: "7:17 services.web.deploy.resources.limits.cpus", message: "no Fargate size offers 32.0 vCPU"),
        Case(
            id: "duplicate published port",
            yaml: """
                services:
                  web:
                    image: nginx
                    ports: ["80:80"]
                  admin:
                    image: nginx
                    ports:
                      - "80:8080"
                """,
            position: "8:9 services.admin.ports[0]", message: "port 80/tcp is already published by service \"web\" at compose.yaml:4:13"),
        Case(
            id: "not a size",
            yaml: """
                services:
                  cms:
                    image: ghost:5
                    deploy:
                      resources:
                        limits:
                          memory: lots
                """,
            position: "7:19 services.cms.deploy.resources.limits.memory", message: "\"lots\" is not a size"),
        Case(
            id: "privileged",
            yaml: """
                services:
                  web:
                    image: nginx
                    privileged: true
                """,
            position: "4:5 services.web.privileged", message: "Fargate does not run privileged containers"),
        Case(
            id: "network_mode host",
            yaml: """
                services:
                  web:
                    image: nginx
                    network_mode: host
                """,
            position: "4:5 services.web.network_mode", message: "cannot use the host's network"),
        Case(
            id: "devices",
            yaml: """
                services:
                  web:
                    image: nginx
                    devices: ["/dev/ttyUSB0:/dev/ttyUSB0"]
                """,
            position: "4:5 services.web.devices", message: "no access to host devices"),
        Case(
            id: "cap_add outside Fargate's list",
            yaml: """
                services:
                  web:
                    image: nginx
                    cap_add:
                      - SYS_PTRACE
                      - NET_ADMIN
                """,
            position: "6:9 services.web.cap_add[1]", message: "cannot add the NET_ADMIN capability"),
        Case(
            id: "bind-mounted directory",
            yaml: """
                services:
                  web:
                    image: nginx
                    volumes:
                      - ./html:/usr/share/nginx/html
                """,
            directories: ["html"],
            position: "5:9 services.web.volumes[0]", message: "bind-mounts the host directory ./html"),
        Case(
            id: "ipc host",
            yaml: """
                services:
                  web:
                    image: nginx
                    ipc: host
                """,
            position: "4:5 services.web.ipc", message: "cannot share the IPC namespace"),
        Case(
            id: "pid host",
            yaml: """
                services:
                  web:
                    image: nginx
                    pid: host
                """,
            position: "4:5 services.web.pid", message: "cannot share the process namespace"),
        Case(
            id: "misspelt key",
            yaml: """
                services:
                  web:
                    image: nginx
                    enviroment:
                      A: b
                """,
            position: "4:5 services.web.enviroment", message: "unknown key \"enviroment\""),
        Case(
            id: "container_name is a note",
            yaml: """
                services:
                  web:
                    image: nginx
                    container_name: web
                """,
            position: "4:5 services.web.container_name", message: "ignored", severity: .note),
        Case(
            id: "restart is a note",
            yaml: """
                services:
                  web:
                    image: nginx
                    restart: always
                """,
            position: "4:5 services.web.restart", message: "ECS always replaces tasks", severity: .note),
        Case(
            id: "missing bind-mounted file is a warning",
            yaml: """
                services:
                  proxy:
                    image: nginx
                    volumes:
                      - ./nginx.conf:/etc/nginx/nginx.conf:ro
                """,
            position: "5:9 services.proxy.volumes[0]", message: "does not exist; taking it for a file", severity: .warning),
    ]

    @Test(arguments: cases)
    func reportsAtPosition(_ testCase: Case) throws {
        let result = TestSupport.load(testCase.yaml, files: testCase.files, directories: testCase.directories)
        let matching = result.diagnostics.filter { $0.severity == testCase.severity && $0.message.contains(testCase.message) }
        let diagnostic = try #require(matching.first, "\(result.diagnostics)")
        let location = try #require(diagnostic.location)
        #expect("\(location.line):\(location.column) \(diagnostic.path)" == testCase.position)
        #expect(location.file == "compose.yaml")
        #expect(result.hasErrors == (testCase.severity == .error))
    }

    @Test func descriptionMatchesTheIssueExample() {
        let diagnostic = Diagnostic.error(
            at: SourceLocation(file: "compose.yaml", line: 14, column: 7), path: "services.cms.deploy.resources.limits.memory",
            "\"lots\" is not a size", hint: "use e.g. 512M, 2G")
        #expect(
            diagnostic.description
                == "compose.yaml:14:7: services.cms.deploy.resources.limits.memory: \"lots\" is not a size (use e.g. 512M, 2G)")
        var warning = diagnostic
        warning.severity = .warning
        #expect(warning.description.hasPrefix("compose.yaml:14:7: warning: services.cms"))
    }

    @Test func reportsEveryErrorTogether() {
        let result = TestSupport.load(
            """
            services:
              web:
                ports: ["80:http"]
                depends_on: [nope]
                deploy:
                  resources:
                    limits:
                      memory: lots
                volumes:
                  - data:/data
            """)
        #expect(result.errors.count == 5, "\(result.errorSummaries)")
        #expect(result.site != nil)
    }

    @Test func showsPathsRelativeToTheWorkingDirectory() {
        let result = TestSupport.load("services:\n  web:\n    image: nginx\n    privileged: true\n")
        #expect(result.errors.first?.description.hasPrefix("compose.yaml:4:5: services.web.privileged:") == true)
    }
}
