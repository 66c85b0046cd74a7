import AWSRuntime
import BerthTesting
import Foundation
import Testing

@testable import BerthCLI

/// Mistakes that would reach AWS and could cause an outage stop before any request, exit 2,
/// with the name the user probably meant.
struct FootgunTests {
    static let compose = """
        name: shop
        services:
          site:
            image: nginx:1.27
            ports: ["80:80"]
          cms:
            image: ghost:5
        x-berth:
          region: eu-west-1
          environments:
            dev: {}
            prod: {}
        """

    let folder: URL
    let environment = [
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "s", "AWS_ENDPOINT_URL": "http://127.0.0.1:1", "HOME": "/nonexistent",
    ]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-footgun-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.compose.utf8).write(to: folder.appendingPathComponent("compose.yaml"))
    }

    @Test(arguments: [["deploy", "--env", "prd"], ["plan", "--env", "prd"]])
    func anUndeclaredEnvironmentIsRefusedWithTheNearestName(arguments: [String]) async throws {
        let transport = FakeTransport(InProcessCommandTests.noStack)
        let berth = InProcessBerth(folder: folder, environment: environment, transport: transport)
        let result = await berth.run(arguments)
        #expect(result.status == ExitStatus.badInput.rawValue)
        #expect(result.error.contains("environment \"prd\" is not declared in x-berth.environments (dev, prod)"), "\(result.error)")
        #expect(result.error.contains("did you mean \"prod\"?"))
        #expect(transport.requests.isEmpty, "no stack is looked for, let alone built")
    }

    @Test func aMisspeltCommandIsNamedWithTheNearestOne() async throws {
        let transport = FakeTransport(InProcessCommandTests.noStack)
        let result = await InProcessBerth(folder: folder, environment: environment, transport: transport)("deplyo", "--env", "dev")
        #expect(result.status == ExitStatus.badInput.rawValue)
        #expect(result.error.contains("unknown command deplyo") && result.error.contains("did you mean deploy?"), "\(result.error)")
        #expect(transport.requests.isEmpty)
    }

    @Test func statusStillReachesAnEnvironmentTheFileNoLongerDeclares() async throws {
        let transport = FakeTransport(InProcessCommandTests.noStack)
        let result = await InProcessBerth(folder: folder, environment: environment, transport: transport)("status", "--env", "uat")
        #expect(result.status == 0, "\(result.error)")
        #expect(!transport.requests.isEmpty)
    }

    @Test(arguments: [
        ["deploy", "--env", "dev", "--service", "stie"], ["plan", "--env", "dev", "--service", "stie"],
        ["down", "--env", "dev", "--service", "stie", "--yes"],
    ])
    func aMistypedServiceIsRefusedNotANoOp(arguments: [String]) async throws {
        let transport = FakeTransport(InProcessCommandTests.noStack)
        let result = await InProcessBerth(folder: folder, environment: environment, transport: transport).run(arguments)
        #expect(result.status == ExitStatus.badInput.rawValue)
        #expect(result.error.contains("--service stie: the compose file has no service \"stie\""), "\(result.error)")
        #expect(result.error.contains("did you mean \"site\"?"))
        #expect(transport.requests.isEmpty)
    }
}
