import Foundation
import SigV4

/// ECS task role credentials (and other container hosts using the same contract):
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` on 169.254.170.2, or `..._FULL_URI` with an
/// optional authorization token from `AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)`.
package struct ContainerCredentialProvider: CredentialProvider {
    package let url: URL
    let authorization: String?
    let authorizationFile: String?
    let transport: any HTTPTransport
    package var source: String { "container credentials endpoint \(url.absoluteString)" }

    package init(url: URL, authorization: String?, authorizationFile: String?, transport: any HTTPTransport) {
        self.url = url
        self.authorization = authorization
        self.authorizationFile = authorizationFile
        self.transport = transport
    }

    struct Output: Decodable {
        let AccessKeyId: String
        let SecretAccessKey: String
        let Token: String?
        let Expiration: String?
    }

    package func credentials() async throws -> AWSCredentials {
        var headers: [(name: String, value: String)] = []
        if let file = authorizationFile, let token = try? String(contentsOfFile: file, encoding: .utf8) {
            headers.append(("Authorization", token.trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let authorization {
            headers.append(("Authorization", authorization))
        }
        let response = try await transport.send(HTTPRequest(method: "GET", url: url, headers: headers, timeout: 5))
        guard response.status == 200, let output = try? JSONDecoder().decode(Output.self, from: response.body) else {
            throw CredentialError("the container credentials endpoint \(url.absoluteString) answered HTTP \(response.status)")
        }
        return AWSCredentials(
            accessKeyId: output.AccessKeyId, secretAccessKey: output.SecretAccessKey, sessionToken: output.Token,
            expiration: output.Expiration.flatMap(AWSDate.parse))
    }
}
