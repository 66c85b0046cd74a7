import BerthJSON
import BerthTesting
import Foundation
import Testing

extension Integration {
    @Suite struct Doctor {
        @Test func reportsIdentityRegionCredentialSourceAndEndpoint() throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let result = try BerthBinary.run(["doctor", "--output", "json"], environment: gate.berthEnvironment())
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let report = try JSONDecoder().decode([String: AnyCodableValue].self, from: Data(result.stdout.utf8))
            #expect(report["account"]?.text == "123456789012")
            #expect(report["region"]?.text == "us-east-1")
            #expect(report["regionSource"]?.text == "AWS_REGION")
            #expect(report["credentialSource"]?.text == "environment variables")
            #expect(report["endpoint"]?.text == gate.url)
            #expect(!result.stdout.contains("testing\""), "the secret must never be printed")
            try gate.client.expectNoRejections()
        }

        @Test func verboseLogsOneLinePerRequestWithoutSecrets() throws {
            let gate = try LocalAWS.require()
            // A secret the emulator refuses, sent straight to it (a gate in front sees only good requests).
            let result = try BerthBinary.run(
                ["doctor", "--verbose"],
                environment: gate.berthEnvironment([
                    "AWS_SECRET_ACCESS_KEY": "s3cr3t-value", "AWS_ACCESS_KEY_ID": "testing", "AWS_ENDPOINT_URL": gate.controlURL,
                ]))
            let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("aws: ") }
            #expect(lines.count == 1)
            #expect(lines.first?.contains("STS GetCallerIdentity") == true)
            #expect(lines.first?.contains("request-id=") == true)
            #expect(!result.stderr.contains("s3cr3t-value"))
            #expect(!result.stderr.contains("Signature="))
        }

        @Test func aWrongSecretFailsWithOneLineAndAHint() throws {
            let gate = try LocalAWS.require()
            // Straight to the emulator, which checks signatures as AWS does: a gate layered in
            // front must see only requests AWS would accept.
            let result = try BerthBinary.run(
                ["doctor"], environment: gate.berthEnvironment(["AWS_SECRET_ACCESS_KEY": "wrong", "AWS_ENDPOINT_URL": gate.controlURL]))
            #expect(result.status == 1)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 2, "stderr: \(result.stderr)")
            #expect(lines.first?.hasPrefix("error: STS GetCallerIdentity failed: SignatureDoesNotMatch") == true)
            #expect(lines.first?.contains("request id") == true)
            #expect(lines.last?.hasPrefix("hint: the secret access key does not match") == true)
            #expect(!result.stderr.contains("wrong"))
        }

        @Test func missingCredentialsSayWhatToDo() throws {
            let gate = try LocalAWS.require()
            var environment = gate.berthEnvironment()
            environment["AWS_ACCESS_KEY_ID"] = nil
            environment["AWS_SECRET_ACCESS_KEY"] = nil
            let result = try BerthBinary.run(["doctor"], environment: environment)
            #expect(result.status == 1)
            #expect(result.stderr.contains("error: no AWS credentials found"))
            #expect(result.stderr.contains("hint: "))
        }
    }
}

/// Just enough JSON to read a flat report.
enum AnyCodableValue: Decodable {
    case text(String)
    case number(Double)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .other
        }
    }

    var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }
}
