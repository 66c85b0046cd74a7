import AWSRuntime
import Foundation

/// AWS Systems Manager Parameter Store (awsJson1_1).
package struct SSMClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "SSM", endpointPrefix: "ssm", serviceId: "SSM", protocol: .json(version: "1.1", targetPrefix: "AmazonSSM"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    /// Creates or (with `overwrite`) replaces a parameter and returns its new version. `type` is
    /// `String` or `SecureString`, `tier` `Standard` (4 KB) or `Advanced` (8 KB). AWS refuses
    /// `tags` together with `overwrite: true`; tag on the first write only. `idempotent`: the
    /// caller can tell its own earlier write from another's (a lock with its token), so a retry
    /// after a lost answer is safe.
    @discardableResult
    package func putParameter(
        name: String, value: String, type: String = "String", overwrite: Bool? = nil, tier: String? = nil, description: String? = nil,
        tags: [Tag]? = nil, idempotent: Bool = false
    ) async throws -> Int {
        let output: PutParameterOutput = try await client.json(
            Self.descriptor, operation: "PutParameter",
            input: PutParameterInput(
                Name: name, Value: value, Type: type, Overwrite: overwrite, Tier: tier, Description: description, Tags: tags),
            idempotent: idempotent)
        return output.Version ?? 0
    }

    /// Up to 10 parameters by name; names that do not exist come back in `InvalidParameters`, not as an error.
    package func getParameters(names: [String], withDecryption: Bool = true) async throws -> GetParametersOutput {
        try await client.json(
            Self.descriptor, operation: "GetParameters", input: GetParametersInput(Names: names, WithDecryption: withDecryption),
            idempotent: true)
    }

    /// Parameters under a path such as `/berth/site/dev/` (recursively by default).
    package func getParametersByPath(path: String, recursive: Bool = true, withDecryption: Bool = true) -> Paginator<[Parameter]> {
        Paginator { token in
            let page: GetParametersByPathOutput = try await client.json(
                Self.descriptor, operation: "GetParametersByPath",
                input: GetParametersByPathInput(Path: path, Recursive: recursive, WithDecryption: withDecryption, NextToken: token),
                idempotent: true)
            return (page.Parameters ?? [], page.NextToken)
        }
    }

    /// Deletes up to 10 parameters; unknown names come back in `InvalidParameters`, so deleting
    /// twice is harmless and the call is retried like a read.
    @discardableResult
    package func deleteParameters(names: [String]) async throws -> DeleteParametersOutput {
        try await client.json(Self.descriptor, operation: "DeleteParameters", input: DeleteParametersInput(Names: names), idempotent: true)
    }
}

extension AWSServiceError {
    package var isParameterNotFound: Bool { code == "ParameterNotFound" }

    /// PutParameter without `overwrite` for a name that exists.
    package var isParameterAlreadyExists: Bool { code == "ParameterAlreadyExists" }
}
