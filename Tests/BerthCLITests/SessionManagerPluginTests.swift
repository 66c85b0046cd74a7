import Foundation
import Testing

@testable import BerthCLI

/// `berth exec` hands the session to AWS's Session Manager plugin exactly as `aws ecs
/// execute-command` does.
struct SessionManagerPluginTests {
    @Test func newerPluginsReadTheSessionFromTheEnvironmentOlderOnesFromTheArguments() throws {
        #expect(SessionManagerPlugin.readsEnvironment(version: "1.2.707.0\n"))
        #expect(SessionManagerPlugin.readsEnvironment(version: "1.2.497.0"))
        #expect(!SessionManagerPlugin.readsEnvironment(version: "1.2.463.0"))
        #expect(!SessionManagerPlugin.readsEnvironment(version: "1.1.61.0"))
        #expect(SessionManagerPlugin.readsEnvironment(version: "2.0"))

        let session = #"{"sessionId":"s-1","streamUrl":"wss://x","tokenValue":"t"}"#
        let newer = try SessionManagerPlugin.invocation(
            session: session, region: "eu-west-1", profile: nil, cluster: "site-prod", taskId: "0123abcd", runtimeId: "0123abcd-42",
            endpoint: "https://ecs.eu-west-1.amazonaws.com", readsEnvironment: true)
        #expect(
            newer.arguments == [
                "AWS_SSM_START_SESSION_RESPONSE", "eu-west-1", "StartSession", "", #"{"Target":"ecs:site-prod_0123abcd_0123abcd-42"}"#,
                "https://ecs.eu-west-1.amazonaws.com",
            ])
        #expect(newer.environment == ["AWS_SSM_START_SESSION_RESPONSE": session])
        let older = try SessionManagerPlugin.invocation(
            session: session, region: "eu-west-1", profile: "ops", cluster: "c", taskId: "t", runtimeId: "r", endpoint: "e", readsEnvironment: false)
        #expect(older.arguments.first == session && older.arguments[3] == "ops" && older.environment.isEmpty)
    }

    @Test func theCommandWordsBecomeOneLineAShellReadsBackAsTheSameWords() {
        #expect(Berth.Exec.shellLine(["ls", "-la", "/var/lib/ghost"]) == "ls -la /var/lib/ghost")
        #expect(Berth.Exec.shellLine(["node", "-e", "console.log('hi there')"]) == #"node -e 'console.log('\''hi there'\'')'"#)
        #expect(Berth.Exec.shellLine(["echo", ""]) == "echo ''")
    }
}
