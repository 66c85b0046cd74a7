import AWSRuntime
import Foundation
import SigV4
import Testing

/// `credential_process` commands that misbehave end in a clear error, in bounded time and
/// memory, and leave nothing running.
@Suite struct ProcessCredentialProviderTests {
    @Test func printsCredentials() async throws {
        let provider = ProcessCredentialProvider(
            command: #"printf '{"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "s"}'"#, profile: "dev")
        #expect(try await provider.credentials().accessKeyId == "AKID")
    }

    @Test func aHangingCommandIsStoppedWithItsChildren() async throws {
        let marker = "\(Int.random(in: 100_000...999_999)).5"
        let provider = ProcessCredentialProvider(command: "sleep \(marker); echo done", profile: "dev", timeout: 0.5)
        let started = Date()
        await #expect {
            try await provider.credentials()
        } throws: { error in
            "\(error)".contains("did not finish in 0 s and was stopped")
        }
        #expect(Date().timeIntervalSince(started) < 5)
        try await Task.sleep(nanoseconds: 200_000_000)
        #expect(!Self.running(marker), "the sleep the shell started is gone too")
    }

    @Test func endlessOutputIsCutOff() async throws {
        let provider = ProcessCredentialProvider(command: "yes", profile: "dev", timeout: 30)
        await #expect {
            try await provider.credentials()
        } throws: { error in
            "\(error)".contains("printed more than 1024 KB and was stopped")
        }
    }

    @Test func aFailingCommandSaysItsStatus() async throws {
        let provider = ProcessCredentialProvider(command: "exit 3", profile: "dev")
        await #expect {
            try await provider.credentials()
        } throws: { error in
            "\(error)".contains("exited with status 3")
        }
    }

    /// Whether a process whose command line holds `marker` is still alive.
    static func running(_ marker: String) -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.contains { entry in
            guard Int(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return false }
            return String(decoding: data, as: UTF8.self).contains(marker)
        }
    }
}
