import BerthTesting
import Foundation
import Testing

/// `http_proxy`/`HTTPS_PROXY` and `NO_PROXY` reach the HTTP stack as the AWS CLI reads them.
/// Everything stays on loopback: the endpoint is a closed port on 127.0.0.1, the proxy another port.
struct ProxyIntegrationTests {
    @Test func requestsGoThroughTheProxyUnlessNoProxySaysOtherwise() throws {
        let port = Int.random(in: 40_000...49_000)
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        proxy.arguments = [
            "python3", URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/recording_proxy.py").path,
            String(port),
        ]
        let output = Pipe()
        proxy.standardOutput = output
        try proxy.run()
        defer { kill(proxy.processIdentifier, SIGKILL) }
        _ = output.fileHandleForReading.availableData  // READY
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": "/tmp/berth-no-home",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b", "AWS_REGION": "us-east-1",
            "AWS_MAX_ATTEMPTS": "1", "http_proxy": "http://127.0.0.1:\(port)",
        ]
        let viaProxy = try BerthBinary.run(["doctor"], environment: environment)
        #expect(viaProxy.stderr.contains("ProxyWasUsed: http://127.0.0.1:9/"), "\(viaProxy.stderr)")
        environment["NO_PROXY"] = "127.0.0.1"
        let direct = try BerthBinary.run(["doctor"], environment: environment)
        #expect(!direct.stderr.contains("ProxyWasUsed"))
        #expect(direct.stderr.contains("could not connect to http://127.0.0.1:9/"))
    }
}
