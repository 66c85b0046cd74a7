import Foundation
import SigV4

/// STS AssumeRole with credentials from another provider: `role_arn` + `source_profile` or
/// `credential_source` in a profile.
package struct AssumeRoleCredentialProvider: CredentialProvider {
    package let roleArn: String
    package let sessionName: String
    package let externalId: String?
    package let durationSeconds: Int?
    let sts: STSCredentialClient
    package var source: String { "assumed role \(roleArn) (via \(sts.sourceDescription))" }

    init(roleArn: String, sessionName: String?, externalId: String?, durationSeconds: Int?, sts: STSCredentialClient) {
        self.roleArn = roleArn
        self.sessionName = sessionName ?? "berth-\(Int(Date().timeIntervalSince1970))"
        self.externalId = externalId
        self.durationSeconds = durationSeconds
        self.sts = sts
    }

    package func credentials() async throws -> AWSCredentials {
        var parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName)]
        if let externalId { parameters.append(("ExternalId", externalId)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        return try await sts.fetch(operation: "AssumeRole", parameters: parameters, anonymous: false)
    }
}

/// STS AssumeRoleWithWebIdentity: how GitHub Actions and EKS pods authenticate. The call is
/// unsigned; the token file is read anew on every refresh because the issuer rotates it.
package struct WebIdentityCredentialProvider: CredentialProvider {
    package let roleArn: String
    package let tokenFile: String
    package let sessionName: String
    let sts: STSCredentialClient
    package var source: String { "web identity token \(tokenFile) for \(roleArn)" }

    init(roleArn: String, tokenFile: String, sessionName: String?, sts: STSCredentialClient) {
        self.roleArn = roleArn
        self.tokenFile = tokenFile
        self.sessionName = sessionName ?? "berth-\(Int(Date().timeIntervalSince1970))"
        self.sts = sts
    }

    package func credentials() async throws -> AWSCredentials {
        let token: String
        do {
            token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw CredentialError("cannot read the web identity token file \(tokenFile)", hint: "check AWS_WEB_IDENTITY_TOKEN_FILE")
        }
        return try await sts.fetch(
            operation: "AssumeRoleWithWebIdentity",
            parameters: [("RoleArn", roleArn), ("RoleSessionName", sessionName), ("WebIdentityToken", token)],
            anonymous: true)
    }
}

/// The slice of STS that credential providers need, kept in the runtime so that the
/// credential chain does not depend on the service clients.
struct STSCredentialClient: Sendable {
    let client: AWSClient
    let sourceDescription: String

    static let descriptor = ServiceDescriptor(name: "STS", endpointPrefix: "sts", serviceId: "STS", protocol: .query(version: "2011-06-15"))

    private struct Result: Decodable {
        struct Credentials: Decodable {
            let AccessKeyId: String
            let SecretAccessKey: String
            let SessionToken: String
            let Expiration: Date
        }
        let Credentials: Credentials
    }

    func fetch(operation: String, parameters: [(String, String)], anonymous: Bool) async throws -> AWSCredentials {
        let result: Result = try await client.query(
            Self.descriptor, operation: operation, parameters: parameters, idempotent: true, anonymous: anonymous)
        let c = result.Credentials
        return AWSCredentials(accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration)
    }
}
