import AWSRuntime
import BerthTesting
import Foundation
import Testing

@testable import BerthCLI

/// Commands run in process, end to end from the command line to the requests sent and the text
/// printed, against a fake transport: what a user sees, without starting the binary.
struct InProcessCommandTests {
    static let compose = """
        name: shop
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
        x-berth:
          region: eu-west-1
        """

    let folder: URL
    let environment = [
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret-never-printed", "AWS_ENDPOINT_URL": "http://127.0.0.1:1",
        "AWS_REGION": "us-west-2", "HOME": "/nonexistent",
    ]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.compose.utf8).write(to: folder.appendingPathComponent("compose.yaml"))
    }

    /// CloudFormation's answer for a stack that does not exist, and no tagged data kept from an
    /// earlier one; anything else is unexpected.
    static func noStack(_ request: HTTPRequest, _ index: Int) throws -> HTTPResponse {
        let body = String(decoding: request.body, as: UTF8.self)
        if request.header("X-Amz-Target") == "ResourceGroupsTaggingAPI_20170126.GetResources" {
            return FakeTransport.json(200, #"{"ResourceTagMappingList": [], "PaginationToken": ""}"#)
        }
        guard body.contains("Action=DescribeStacks") else { return FakeTransport.xml(400, "<Error><Code>Unexpected</Code></Error>") }
        return FakeTransport.xml(
            400,
            """
            <ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>\
            <Message>Stack with id shop does not exist</Message></Error><RequestId>req-1</RequestId></ErrorResponse>
            """)
    }

    @Test func badComposeIsExitTwoWithItsPositionAndNoRequest() async throws {
        try Data("services:\n  web:\n    image: nginx\n    ports: [\"eighty\"]\n".utf8).write(to: folder.appendingPathComponent("compose.yaml"))
        let transport = FakeTransport(Self.noStack)
        let result = await InProcessBerth(folder: folder, environment: environment, transport: transport)("plan")
        #expect(result.status == ExitStatus.badInput.rawValue)
        #expect(result.error.contains("compose.yaml:4:13"), "\(result.error)")
        #expect(result.error.contains("nothing was sent to AWS"))
        #expect(result.output.isEmpty)
        #expect(transport.requests.isEmpty)
    }

    /// A deployed site stays inspectable and removable when its compose file has since gained
    /// something Fargate cannot run: status and down need only the name and environment.
    @Test func statusAndDownGoOnWhenTheFileHasAFargateError() async throws {
        let compose = Self.compose.replacingOccurrences(of: "    image: nginx:1.27\n", with: "    image: nginx:1.27\n    privileged: true\n")
        try Data(compose.utf8).write(to: folder.appendingPathComponent("compose.yaml"))
        let transport = FakeTransport(Self.noStack)
        let berth = InProcessBerth(folder: folder, environment: environment, transport: transport)
        let status = await berth("status")
        #expect(status.status == 0, "\(status.error)")
        #expect(status.error.contains("privileged") && status.error.contains("going on with the project's name and environment"))
        #expect(status.output.hasSuffix(" is not deployed\n"))
        // down gets past the file to AWS (this fake answers only CloudFormation).
        let before = transport.requests.count
        let down = await berth("down", "--yes")
        #expect(down.status != ExitStatus.badInput.rawValue, "\(down.error)")
        #expect(down.error.contains("going on with the project's name and environment"))
        #expect(transport.requests.count > before)
        let deploy = await berth("deploy")
        #expect(deploy.status == ExitStatus.badInput.rawValue)
    }

    @Test func statusOfASiteNeverDeployedSaysSoInTheSitesRegion() async throws {
        let transport = FakeTransport(Self.noStack)
        let berth = InProcessBerth(folder: folder, environment: environment, transport: transport)
        let text = await berth("status")
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.hasSuffix(" is not deployed\n"))
        #expect(text.output.contains("shop"))
        // x-berth's region wins over AWS_REGION: the site lives in one region.
        let scopes = transport.requests.compactMap { $0.header("Authorization") }
        #expect(!scopes.isEmpty && scopes.allSatisfy { $0.contains("/eu-west-1/") })
        #expect(scopes.contains { $0.contains("/eu-west-1/cloudformation/aws4_request") })

        let json = await berth("status", "--output", "json")
        #expect(json.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(report?["deployed"] as? Bool == false)
        #expect(!json.error.contains("secret-never-printed") && !json.output.contains("secret-never-printed"))
    }

    /// doctor resolves the region as the other commands do: the compose file's x-berth.region
    /// before AWS_REGION (issue 13).
    @Test func doctorReadsTheSitesRegion() async throws {
        let transport = FakeTransport { request, _ in
            FakeTransport.xml(
                200,
                "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/dev</Arn><UserId>AIDA</UserId></GetCallerIdentityResult></GetCallerIdentityResponse>"
            )
        }
        let result = await InProcessBerth(folder: folder, environment: environment, transport: transport)("doctor")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("region       eu-west-1 (from x-berth.region of the compose file)"), "\(result.output)")
        #expect(transport.requests.first?.header("Authorization")?.contains("/eu-west-1/sts/aws4_request") == true)
    }

    @Test func anAWSErrorKeepsItsCodeAndRequestIdAndGivesAHint() async throws {
        let transport = FakeTransport { _, _ in
            FakeTransport.xml(
                403,
                """
                <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>\
                <Message>not allowed</Message></Error><RequestId>req-42</RequestId></ErrorResponse>
                """)
        }
        let result = await InProcessBerth(folder: folder, environment: environment, transport: transport)("status")
        #expect(result.status == ExitStatus.failure.rawValue)
        #expect(result.error.contains("AccessDenied"))
        #expect(result.error.contains("req-42"))
        #expect(result.error.contains("hint: the identity lacks the IAM permission"))
        #expect(result.output.isEmpty)
    }

    @Test func downWithoutATerminalOrYesRemovesNothingAndSendsNothing() async throws {
        let transport = FakeTransport(Self.noStack)
        let result = await InProcessBerth(folder: folder, environment: environment, transport: transport)("down", "--infra", "--delete-data")
        #expect(result.status == ExitStatus.badInput.rawValue)
        #expect(result.error.contains("hint: run it on a terminal, or pass --yes"))
        #expect(transport.requests.isEmpty)
    }

    @Test func deletingDataNeedsTheProjectNameTypedExactly() async throws {
        let transport = FakeTransport(Self.noStack)
        let berth = InProcessBerth(folder: folder, environment: environment, transport: transport)
        berth.surroundings.interactive = true
        let answers = Answers(["y", "Shop"])
        berth.surroundings.readAnswer = { answers.next() }
        let result = await berth("down", "--infra", "--delete-data")
        #expect(result.status == ExitStatus.badInput.rawValue)
        #expect(result.error.contains("Type shop to confirm"))
        #expect(result.error.contains("the project name did not match; nothing was removed"))
        #expect(transport.requests.isEmpty)
    }

    @Test func flagConflictsAreBadInput() async throws {
        let transport = FakeTransport(Self.noStack)
        let result = await InProcessBerth(folder: folder, environment: environment, transport: transport)("down", "--delete-data")
        #expect(result.status == ExitStatus.badInput.rawValue)
        #expect(result.error.contains("--delete-data needs --infra"))
        #expect(transport.requests.isEmpty)
    }
}

/// Lines typed at the prompts, in order.
final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String]

    init(_ lines: [String]) { self.lines = lines }

    func next() -> String? {
        lock.withLock { lines.isEmpty ? nil : lines.removeFirst() }
    }
}
