import AWSRuntime
import AWSServices

/// The account id, which ARNs and the ECR registry host need.
enum STSClientAccount {
    static func id(_ client: AWSClient) async throws -> String {
        try await STSClient(client).getCallerIdentity().Account
    }
}
