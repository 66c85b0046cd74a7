import ComposeModel
import Testing

/// What a container's environment holds, compared with what `docker compose up` gives it: env
/// files in order, `environment` over them, empty values empty, and an unvalued key the only way
/// the deployer's own variables get in, said per key and refused for the deployer's AWS keys.
struct ContainerEnvironmentTests {
    static func variables(_ result: ComposeLoadResult, _ service: String = "db") -> [String: String?] {
        Dictionary(uniqueKeysWithValues: (result.site?.service(named: service)?.environment ?? []).map { ($0.name, $0.value) })
    }

    @Test func envFilesInOrderThenEnvironmentWins() throws {
        let result = TestSupport.load(
            """
            services:
              db:
                image: postgres:16
                env_file:
                  - db.env
                  - path: override.env
                  - path: absent.env
                    required: false
                environment:
                  POSTGRES_DB: shop
            """,
            files: [
                "db.env": "POSTGRES_PASSWORD=first\nPOSTGRES_USER=shop\nPOSTGRES_DB=fromfile\n# a comment\nURL=\"postgres://${POSTGRES_USER}@db\"\n",
                "override.env": "POSTGRES_PASSWORD=second\n",
            ])
        #expect(!result.hasErrors, "\(result.errorSummaries)")
        let variables = Self.variables(result)
        #expect(variables["POSTGRES_PASSWORD"] == "second")
        #expect(variables["POSTGRES_USER"] == "shop")
        #expect(variables["POSTGRES_DB"] == "shop")
        #expect(variables["URL"] == "postgres://shop@db")
        #expect(result.site?.service(named: "db")?.envFiles.map(\.path) == ["db.env", "override.env", "absent.env"])
    }

    @Test func rawFormatTakesValuesAsWritten() {
        let result = TestSupport.load(
            "services:\n  db:\n    image: x\n    env_file:\n      - path: raw.env\n        format: raw\n",
            files: ["raw.env": "TEMPLATE=\"${NOT_INTERPOLATED}\" # kept\n"])
        #expect(Self.variables(result)["TEMPLATE"] == "\"${NOT_INTERPOLATED}\" # kept")
    }

    @Test func envFileInterpolatesFromTheProjectsVariables() {
        let result = TestSupport.load(
            "services:\n  db:\n    image: x\n    env_file: db.env\n",
            files: ["db.env": "HOST=${DB_HOST:-localhost}\n", ".env": "DB_HOST=db.internal\n"])
        #expect(Self.variables(result)["HOST"] == "db.internal")
    }

    @Test func anInterpolatedEmptyValueIsEmptyNotTheDeployers() {
        let result = TestSupport.load(
            """
            services:
              db:
                image: x
                environment:
                  AWS_SECRET_ACCESS_KEY: ${S3_SECRET_ACCESS_KEY:-}
                  OTHER: ${UNSET_ONE}
            """,
            environment: ["AWS_SECRET_ACCESS_KEY": "deployers-secret-canary"])
        #expect(!result.hasErrors, "\(result.errorSummaries)")
        let variables = Self.variables(result)
        #expect(variables["AWS_SECRET_ACCESS_KEY"] == "")
        #expect(variables["OTHER"] == "")
        #expect(!result.diagnostics.contains { $0.message.contains("deployers-secret-canary") })
        #expect(result.diagnostics(matching: "UNSET_ONE is not set, so it is replaced with an empty string").count == 1)
    }

    @Test func anUnvaluedKeyTakesTheDeployersValueAndSaysSo() throws {
        let result = TestSupport.load(
            """
            services:
              db:
                image: x
                env_file: db.env
                environment:
                  - TZ
                  - MISSING
            """,
            files: ["db.env": "LANG\n"], environment: ["TZ": "Europe/Paris", "LANG": "C.UTF-8"])
        #expect(!result.hasErrors, "\(result.errorSummaries)")
        let variables = Self.variables(result)
        #expect(variables["TZ"] == "Europe/Paris")
        #expect(variables["LANG"] == "C.UTF-8")
        #expect(variables["MISSING"] == .some(nil))
        let tz = try #require(result.diagnostics(matching: "TZ has no value here").first)
        #expect(tz.severity == .warning && tz.location?.line == 6)
        #expect(tz.message.contains("written into the task definition") && !tz.message.contains("Europe/Paris"))
        #expect(result.diagnostics(matching: "MISSING has no value here").first?.message.contains("will not have MISSING") == true)
        let lang = try #require(result.diagnostics(matching: "LANG has no value here").first)
        #expect(lang.location == SourceLocation(file: "db.env", line: 1, column: 1))
    }

    @Test func theDeployersAWSCredentialsAreNeverShipped() throws {
        let result = TestSupport.load(
            """
            services:
              db:
                image: x
                env_file: aws.env
                environment:
                  AWS_ACCESS_KEY_ID:
                  AWS_REGION:
            """,
            files: ["aws.env": "AWS_SESSION_TOKEN\n"],
            environment: ["AWS_ACCESS_KEY_ID": "AKIACANARY", "AWS_SESSION_TOKEN": "token-canary", "AWS_REGION": "eu-west-1"])
        #expect(result.hasErrors, "\(result.diagnostics.map { "\($0.location?.description ?? "-") \($0.message)" })")
        let refused = result.errors.filter { $0.message.contains("deployer's own AWS credential") }
        #expect(Set(refused.map { "\($0.location?.file ?? "-"):\($0.location?.line ?? 0)" }) == ["aws.env:1", "compose.yaml:6"])
        #expect(!result.diagnostics.contains { $0.message.contains("CANARY") || $0.message.contains("canary") })
        #expect(Self.variables(result)["AWS_ACCESS_KEY_ID"] == nil)
    }

    @Test func anUnknownEnvFileFormatIsLocated() {
        let result = TestSupport.load(
            "services:\n  db:\n    image: x\n    env_file:\n      - path: a.env\n        format: yaml\n", files: ["a.env": "A=1\n"])
        #expect(result.errorSummaries == ["6:17 services.db.env_file[0].format: env_file format \"yaml\" is not one compose knows"])
    }
}
