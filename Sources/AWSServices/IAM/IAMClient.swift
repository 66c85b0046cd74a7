import AWSRuntime
import Foundation

/// AWS Identity and Access Management (awsQuery). Global: signed for us-east-1 whatever the region.
package struct IAMClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "IAM", endpointPrefix: "iam", serviceId: "IAM", protocol: .query(version: "2010-05-08"), globalRegion: "us-east-1")
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    /// An inline policy of a role. `PolicyDocument` is the JSON text, already URL-decoded.
    package struct RolePolicy: Decodable, Sendable, Equatable {
        package var RoleName: String
        package var PolicyName: String
        package var PolicyDocument: String

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            RoleName = try container.decode(String.self, forKey: .RoleName)
            PolicyName = try container.decode(String.self, forKey: .PolicyName)
            PolicyDocument = Self.decodeDocument(try container.decode(String.self, forKey: .PolicyDocument))
        }

        enum CodingKeys: String, CodingKey {
            case RoleName, PolicyName, PolicyDocument
        }

        /// IAM returns policy documents URL-encoded (RFC 3986); a document that is already JSON is kept.
        static func decodeDocument(_ text: String) -> String {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") { return text }
            return text.removingPercentEncoding ?? text
        }
    }

    /// Adds or replaces an inline policy of a role (the document is policy JSON).
    package func putRolePolicy(roleName: String, policyName: String, document: String) async throws {
        let _: EmptyOutput = try await client.query(
            Self.descriptor, operation: "PutRolePolicy",
            parameters: [("PolicyDocument", document), ("PolicyName", policyName), ("RoleName", roleName)], idempotent: true)
    }

    package func getRolePolicy(roleName: String, policyName: String) async throws -> RolePolicy {
        try await client.query(
            Self.descriptor, operation: "GetRolePolicy", parameters: [("PolicyName", policyName), ("RoleName", roleName)], idempotent: true)
    }

    package func deleteRolePolicy(roleName: String, policyName: String) async throws {
        let _: EmptyOutput = try await client.query(
            Self.descriptor, operation: "DeleteRolePolicy", parameters: [("PolicyName", policyName), ("RoleName", roleName)],
            idempotent: true)
    }
}

extension AWSServiceError {
    /// IAM's "not found" for a role or a policy.
    package var isNoSuchEntity: Bool { code == "NoSuchEntity" || code == "NoSuchEntityException" }
}
