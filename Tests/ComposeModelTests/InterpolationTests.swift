import Testing

@testable import ComposeModel

/// `12-interpolation.md`, form by form.
@Suite struct InterpolationTests {
    static let variables = ["SET": "value", "EMPTY": "", "FOO": "foo", "PORT": "8080"]

    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        var output: String
        var testDescription: String { input }
    }

    static let cases: [Case] = [
        Case(input: "plain text", output: "plain text"),
        Case(input: "$SET", output: "value"),
        Case(input: "${SET}", output: "value"),
        Case(input: "a${SET}b$SET.c", output: "avaluebvalue.c"),
        Case(input: "${UNSET:-default}", output: "default"),
        Case(input: "${EMPTY:-default}", output: "default"),
        Case(input: "${EMPTY-default}", output: ""),
        Case(input: "${UNSET-default}", output: "default"),
        Case(input: "${SET:-default}", output: "value"),
        Case(input: "${SET:+alt}", output: "alt"),
        Case(input: "${EMPTY:+alt}", output: ""),
        Case(input: "${EMPTY+alt}", output: "alt"),
        Case(input: "${UNSET+alt}", output: ""),
        Case(input: "${SET:?must be set}", output: "value"),
        Case(input: "${EMPTY?must be set}", output: ""),
        Case(input: "$$SET", output: "$SET"),
        Case(input: "$${SET}", output: "${SET}"),
        Case(input: "cost: 5$", output: "cost: 5$"),
        Case(input: "$1 and $-", output: "$1 and $-"),
        Case(input: "${UNSET:-${FOO}}", output: "foo"),
        Case(input: "${UNSET:-${ALSO_UNSET:-deep}}", output: "deep"),
        Case(input: "${UNSET-$FOO-x}", output: "foo-x"),
        Case(input: "${UNSET:-{braces}}", output: "{braces}"),
        Case(input: "http://${HOST:-cms}:${PORT}", output: "http://cms:8080"),
        Case(input: "$UNSET", output: ""),
    ]

    @Test(arguments: cases)
    func substitutes(_ testCase: Case) throws {
        let interpolation = Interpolation { Self.variables[$0] }
        #expect(try interpolation.interpolate(testCase.input).text == testCase.output)
    }

    @Test func reportsUnsetVariables() throws {
        let outcome = try Interpolation { Self.variables[$0] }.interpolate("${A}-$B-${C:-x}")
        #expect(outcome.unsetVariables == ["A", "B"])
    }

    @Test(arguments: ["${UNSET:?need it}", "${EMPTY:?need it}", "${UNSET?need it}"])
    func requiredVariablesFail(_ input: String) {
        #expect(throws: Interpolation.Failure.self) {
            try Interpolation { Self.variables[$0] }.interpolate(input)
        }
    }

    @Test(arguments: ["${}", "${SET", "${SET/a/b}", "${1abc}"])
    func invalidReferencesFail(_ input: String) {
        #expect(throws: Interpolation.Failure.self) {
            try Interpolation { Self.variables[$0] }.interpolate(input)
        }
    }

    @Test func requiredMessageIsInterpolated() {
        #expect(throws: Interpolation.Failure.required(variable: "X", message: "set X for foo")) {
            try Interpolation { Self.variables[$0] }.interpolate("${X:?set X for $FOO}")
        }
    }

    @Test func appliesToValuesNotKeysAndKeepsTypes() throws {
        let result = TestSupport.load(
            """
            services:
              web:
                image: "nginx:${TAG:-1.27}"
                ports: ["${PORT}:80"]
                environment:
                  $KEY: v
                  PLAIN: ${PORT}
                labels:
                  - "a=${TAG-x}"
            """, environment: ["PORT": "8080", "KEY": "k"])
        let web = try #require(result.site?.service(named: "web"))
        #expect(web.image == "nginx:1.27")
        #expect(web.ports.first?.published == 8080)
        #expect(web.environment.map(\.name) == ["$KEY", "PLAIN"])
        #expect(web.environment.last?.value == "8080")
        #expect(web.labels == [NamedValue(name: "a", value: "x")])
    }

    @Test func unsetVariableWarnsOnceWithLocation() throws {
        let result = TestSupport.load("services:\n  web:\n    image: nginx:$TAG\n    command: echo $TAG\n")
        let warnings = result.diagnostics(matching: "TAG is not set")
        #expect(warnings.count == 1)
        #expect(warnings.first?.location == SourceLocation(file: "compose.yaml", line: 3, column: 12))
    }

    @Test func dotEnvAndShellEnvironment() throws {
        let env = """
            # comment
            export TAG=1.0
            NAME='lit $TAG'
            GREETING="hi ${TAG}\\n"
            INLINE=abc # trailing comment
            PORT=80
            """
        let result = TestSupport.load(
            "services:\n  web:\n    image: \"x:$TAG\"\n    environment:\n      N: $NAME\n      G: $GREETING\n      I: $INLINE\n      P: $PORT\n",
            files: [".env": env], environment: ["PORT": "9000"])
        let web = try #require(result.site?.service(named: "web"))
        #expect(web.image == "x:1.0")
        #expect(web.environment.map { $0.value ?? "" } == ["lit $TAG", "hi 1.0\n", "abc", "9000"])
    }

    @Test func envFileOptionReplacesDotEnv() throws {
        let result = TestSupport.load(
            "services:\n  web:\n    image: \"x:${TAG}\"\n", files: [".env": "TAG=dotenv", "prod.env": "TAG=prod"],
            envFiles: ["prod.env"])
        #expect(result.site?.service(named: "web")?.image == "x:prod")
        let missing = TestSupport.load("services:\n  web:\n    image: x\n", envFiles: ["nope.env"])
        #expect(missing.hasErrors)
    }

    @Test func dotEnvParsing() {
        let parsed = DotEnv.parse("A=1\nB=\"multi\nline\"\n 9BAD=x\nC=${A}2\nD\n", lookup: { $0 == "D" ? "fromenv" : nil })
        #expect(parsed.entries.map(\.key) == ["A", "B", "C", "D"])
        #expect(parsed.entries.map { $0.value ?? "-" } == ["1", "multi\nline", "12", "fromenv"])
        #expect(parsed.problems.map(\.line) == [4])
    }
}
