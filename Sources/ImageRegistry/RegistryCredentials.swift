/// A user name and password (or token) for a registry's Basic scheme or its token endpoint.
package struct RegistryCredential: Sendable, Equatable {
    package var username: String
    package var password: String

    package init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

/// Where credentials for a registry come from (ECR's GetAuthorizationToken for an ECR host);
/// nil means ask anonymously, as `docker pull` of a public image does.
package protocol RegistryCredentialProvider: Sendable {
    func credential(forRegistry registry: String) async throws -> RegistryCredential?
}

/// Anonymous access everywhere.
package struct NoRegistryCredentials: RegistryCredentialProvider {
    package init() {}
    package func credential(forRegistry registry: String) async throws -> RegistryCredential? { nil }
}
