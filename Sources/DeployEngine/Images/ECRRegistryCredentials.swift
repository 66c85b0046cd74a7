import AWSRuntime
import AWSServices
import Foundation
import ImageRegistry

/// Credentials for ECR registries (`123456789012.dkr.ecr.eu-west-1.amazonaws.com`): ECR's
/// GetAuthorizationToken in the registry's region, the same token `aws ecr get-login-password`
/// gives; held in memory only. Other registries are asked anonymously.
package struct ECRRegistryCredentials: RegistryCredentialProvider {
    /// An AWS client for a region, from the command's session.
    package var client: @Sendable (String) throws -> AWSClient

    package init(client: @escaping @Sendable (String) throws -> AWSClient) {
        self.client = client
    }

    /// The region of an ECR registry host, nil for any other host.
    package static func region(ofRegistry host: String) -> String? {
        let labels = host.split(separator: ".").map(String.init)
        guard labels.count >= 6, labels[0].count == 12, labels[0].allSatisfy(\.isNumber), labels[1] == "dkr", labels[2].hasPrefix("ecr"),
            labels[4] == "amazonaws"
        else { return nil }
        return labels[3]
    }

    package func credential(forRegistry registry: String) async throws -> RegistryCredential? {
        guard let region = Self.region(ofRegistry: registry) else { return nil }
        let data = try await ECRClient(try client(region)).getAuthorizationToken()
        guard let token = data.first?.authorizationToken, let decoded = Data(base64Encoded: token).map({ String(decoding: $0, as: UTF8.self) }),
            let colon = decoded.firstIndex(of: ":")
        else { return nil }
        return RegistryCredential(username: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
    }
}
