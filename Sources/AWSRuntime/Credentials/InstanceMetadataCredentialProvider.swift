import Foundation
import SigV4

/// EC2 instance profile credentials through IMDSv2: a session token from `PUT /latest/api/token`,
/// then the role name and its credentials. Timeouts are short because off EC2 nothing answers.
package struct InstanceMetadataCredentialProvider: CredentialProvider {
    package let endpoint: URL
    let transport: any HTTPTransport
    package var source: String { "EC2 instance metadata (IMDSv2) at \(endpoint.absoluteString)" }

    package init(endpoint: URL, transport: any HTTPTransport) {
        self.endpoint = endpoint
        self.transport = transport
    }

    struct Output: Decodable {
        let Code: String?
        let AccessKeyId: String
        let SecretAccessKey: String
        let Token: String?
        let Expiration: String?
    }

    package func credentials() async throws -> AWSCredentials {
        func url(_ path: String) -> URL { endpoint.appendingPathComponent(path) }
        let notFound = CredentialError(
            "no AWS credentials found",
            hint: "set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws configure`")
        let tokenResponse: HTTPResponse
        do {
            tokenResponse = try await transport.send(
                HTTPRequest(method: "PUT", url: url("latest/api/token"), headers: [("x-aws-ec2-metadata-token-ttl-seconds", "21600")], timeout: 1))
        } catch {
            throw notFound
        }
        guard tokenResponse.status == 200 else { throw notFound }
        let token = String(decoding: tokenResponse.body, as: UTF8.self)
        let headers = [(name: "x-aws-ec2-metadata-token", value: token)]
        let roles = try await transport.send(
            HTTPRequest(method: "GET", url: url("latest/meta-data/iam/security-credentials/"), headers: headers, timeout: 1))
        guard roles.status == 200, let role = String(decoding: roles.body, as: UTF8.self).split(separator: "\n").first else {
            throw CredentialError("this EC2 instance has no instance profile role", hint: "attach an IAM role to the instance")
        }
        let response = try await transport.send(
            HTTPRequest(method: "GET", url: url("latest/meta-data/iam/security-credentials/\(role)"), headers: headers, timeout: 1))
        guard response.status == 200, let output = try? JSONDecoder().decode(Output.self, from: response.body) else {
            throw CredentialError("instance metadata answered HTTP \(response.status) for role \(role)")
        }
        return AWSCredentials(
            accessKeyId: output.AccessKeyId, secretAccessKey: output.SecretAccessKey, sessionToken: output.Token,
            expiration: output.Expiration.flatMap(AWSDate.parse))
    }
}
