import BerthTesting
import Foundation
import Testing

extension Integration {
    /// `berth run` and `berth exec` against the local AWS: a one-off task with its command
    /// overridden, waited for, its output and exit code passed on; ECS Exec handed to the Session
    /// Manager plugin (a fake one on PATH) with the session and target the AWS CLI would give it.
    @Suite struct TaskCommands {
        static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

        @Test func runPassesOnTheOutputAndExitCodeAndExecHandsTheSessionToThePlugin() throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let folder = try projectFolder(
                "berth-tasks",
                compose: """
                    name: tasks\(suffix)
                    services:
                      web: {image: "nginx:1.27-alpine", ports: ["80:80"]}
                      worker: {image: "busybox:1.36", command: ["sleep", "infinity"], volumes: ["data:/data"]}
                    volumes:
                      data: {}
                    """)
            let bin = try fakeCommand(
                "session-manager-plugin", running: Self.fixtures.appendingPathComponent("fake_session_manager_plugin.py"), in: folder)
            let log = folder.appendingPathComponent("plugin.log")
            var environment = aws.berthEnvironment(["FAKE_PLUGIN_LOG": log.path])
            let withoutPlugin = environment
            environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            func berth(_ arguments: [String], _ environment: [String: String]) throws -> BerthBinary.Result {
                try BerthBinary.run(arguments, environment: environment, directory: folder)
            }
            defer { _ = try? berth(["down", "--infra", "--yes"], environment) }
            let deploy = try berth(["deploy"], environment)
            #expect(deploy.status == 0, "\(deploy.stderr)")

            // diagram --deployed draws the stack's file system and load balancer.
            let diagram = try berth(["diagram", "--deployed", "--format", "dot"], environment)
            #expect(diagram.status == 0, "\(diagram.stderr)")
            #expect(diagram.stdout.contains("data\\nfs-") && diagram.stdout.contains(".elb."), "\(diagram.stdout)")

            // run: the override runs (the emulator's container writes the command it ran), its
            // output comes back on stdout, and its exit code is Berth's.
            let run = try berth(["run", "worker", "--", "echo", "hello world"], environment)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("echo hello world"), "\(run.stdout)")
            #expect(run.stderr.contains("worker exited with code 0"), "\(run.stderr)")
            try aws.client.nextTaskExitCode(3)
            let failing = try berth(["run", "worker", "--", "sh", "-c", "exit 3"], environment)
            #expect(failing.status == 3, "\(failing.stderr)")
            #expect(failing.stderr.contains("worker exited with code 3"))

            // exec: without the plugin nothing is asked of AWS.
            try aws.client.reset()
            let missing = try berth(["exec", "web"], withoutPlugin)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("Session Manager plugin (session-manager-plugin) is not installed"), "\(missing.stderr)")
            #expect(try aws.client.stats().total == 0)

            let exec = try berth(["exec", "web", "--", "ls", "-la", "/usr/share/nginx/html"], environment)
            #expect(exec.status == 0, "\(exec.stderr)")
            let handed = try #require(
                try String(contentsOf: log, encoding: .utf8).split(separator: "\n").last.flatMap {
                    try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
                })
            let arguments = try #require(handed["args"] as? [String])
            #expect(arguments.count == 6)
            #expect(arguments.first == "AWS_SSM_START_SESSION_RESPONSE" && arguments[1] == "us-east-1" && arguments[2] == "StartSession")
            #expect(arguments[4].hasPrefix(#"{"Target":"ecs:tasks\#(suffix)-default_"#), "\(arguments[4])")
            #expect(arguments[5] == aws.url)
            let session = try #require(handed["session"] as? [String: String])
            #expect(
                session["sessionId"]?.isEmpty == false && session["streamUrl"]?.hasPrefix("wss://") == true && session["tokenValue"]?.isEmpty == false
            )
            // The token went to the plugin only.
            #expect(!exec.stdout.contains(session["tokenValue"] ?? "?") && !exec.stderr.contains(session["tokenValue"] ?? "?"))
            try aws.client.expectNoRejections()
        }
    }
}
