import Foundation
import SigV4

/// Picks the credential source the way the AWS SDKs do, without touching the network:
///
/// 1. a profile named by `--profile` or `AWS_PROFILE`;
/// 2. `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`);
/// 3. web identity: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`;
/// 4. the `default` profile of the shared files (keys, assume-role chains, `credential_process`);
/// 5. ECS container credentials;
/// 6. EC2 instance metadata (IMDSv2), unless `AWS_EC2_METADATA_DISABLED=true`.
///
/// The result is wrapped in a cache, so temporary credentials are fetched once and refreshed
/// before they expire.
package struct CredentialChain: Sendable {
    package var environment: [String: String]
    package var files: SharedConfigFiles
    package var transport: any HTTPTransport
    package var region: String
    package var endpoints: EndpointResolver

    package init(environment: [String: String], files: SharedConfigFiles, transport: any HTTPTransport, region: String, endpoints: EndpointResolver) {
        self.environment = environment
        self.files = files
        self.transport = transport
        self.region = region
        self.endpoints = endpoints
    }

    package func resolve(profileFlag: String?) throws -> any CredentialProvider {
        try CachedCredentialProvider(uncached(profileFlag: profileFlag))
    }

    func uncached(profileFlag: String?) throws -> any CredentialProvider {
        if let name = profileFlag ?? environment["AWS_PROFILE"], !name.isEmpty {
            guard files.hasProfile(name) else {
                throw CredentialError(
                    "profile \"\(name)\" is not in \(files.configPath) or \(files.credentialsPath)",
                    hint: "check the name, or create it with `aws configure --profile \(name)`")
            }
            guard let provider = try profileProvider(name, visited: []) else {
                throw CredentialError(
                    "profile \"\(name)\" has no credentials",
                    hint: "add aws_access_key_id/aws_secret_access_key, role_arn or credential_process to it")
            }
            return provider
        }
        if let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty {
            guard let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
                throw CredentialError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not", hint: "set both, or neither")
            }
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return StaticCredentialProvider(
                AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token), source: "environment variables")
        }
        if let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], let role = environment["AWS_ROLE_ARN"] {
            return WebIdentityCredentialProvider(
                roleArn: role, tokenFile: tokenFile, sessionName: environment["AWS_ROLE_SESSION_NAME"],
                sts: stsClient(credentials: nil, description: "web identity"))
        }
        if files.hasProfile("default"), let provider = try profileProvider("default", visited: []) {
            return provider
        }
        if let container = containerProvider() { return container }
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" {
            throw CredentialError(
                "no AWS credentials found",
                hint: "set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws configure`")
        }
        return instanceMetadataProvider()
    }

    /// A profile's own credentials, following `source_profile` chains; `nil` when it has none.
    func profileProvider(_ name: String, visited: [String]) throws -> (any CredentialProvider)? {
        guard !visited.contains(name) else {
            throw CredentialError("profiles \((visited + [name]).joined(separator: " → ")) form a source_profile loop")
        }
        let profile = files.profile(name)
        if let role = profile["role_arn"] {
            let source: any CredentialProvider
            if let sourceName = profile["source_profile"] {
                if sourceName == name, let keys = staticKeys(profile) {
                    source = keys
                } else {
                    guard files.hasProfile(sourceName), let provider = try profileProvider(sourceName, visited: visited + [name]) else {
                        throw CredentialError("profile \"\(name)\" names source_profile \"\(sourceName)\", which has no credentials")
                    }
                    source = provider
                }
            } else if let credentialSource = profile["credential_source"] {
                switch credentialSource {
                case "Environment":
                    guard let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
                        throw CredentialError("profile \"\(name)\" uses credential_source Environment, but AWS_ACCESS_KEY_ID is not set")
                    }
                    source = StaticCredentialProvider(
                        AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"]),
                        source: "environment variables")
                case "EcsContainer":
                    guard let container = containerProvider() else {
                        throw CredentialError("profile \"\(name)\" uses credential_source EcsContainer outside a container")
                    }
                    source = container
                case "Ec2InstanceMetadata":
                    source = instanceMetadataProvider()
                default:
                    throw CredentialError(
                        "profile \"\(name)\" has credential_source \"\(credentialSource)\"",
                        hint: "use Environment, EcsContainer or Ec2InstanceMetadata")
                }
            } else if let tokenFile = profile["web_identity_token_file"] {
                return WebIdentityCredentialProvider(
                    roleArn: role, tokenFile: tokenFile, sessionName: profile["role_session_name"],
                    sts: stsClient(credentials: nil, description: "web identity"))
            } else {
                throw CredentialError("profile \"\(name)\" has role_arn but no source_profile or credential_source")
            }
            return AssumeRoleCredentialProvider(
                roleArn: role, sessionName: profile["role_session_name"], externalId: profile["external_id"],
                durationSeconds: profile["duration_seconds"].flatMap { Int($0) },
                sts: stsClient(credentials: CachedCredentialProvider(source), description: source.source))
        }
        if let keys = staticKeys(profile) { return keys }
        if let command = profile["credential_process"] {
            return ProcessCredentialProvider(command: command, profile: name)
        }
        if profile["sso_session"] != nil || profile["sso_start_url"] != nil {
            throw CredentialError(
                "profile \"\(name)\" uses IAM Identity Center (SSO), which Berth does not read yet",
                hint: "run `aws configure export-credentials --profile \(name) --format env` and export the result")
        }
        return nil
    }

    private func staticKeys(_ profile: ProfileSettings) -> StaticCredentialProvider? {
        guard let key = profile["aws_access_key_id"], let secret = profile["aws_secret_access_key"] else { return nil }
        return StaticCredentialProvider(
            AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: profile["aws_session_token"]),
            source: "profile \(profile.name) in the shared credentials files")
    }

    private func containerProvider() -> ContainerCredentialProvider? {
        let url: URL?
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            url = URL(string: "http://169.254.170.2" + relative)
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] {
            url = URL(string: full)
        } else {
            url = nil
        }
        return url.map {
            ContainerCredentialProvider(
                url: $0, authorization: environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"],
                authorizationFile: environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], transport: transport)
        }
    }

    private func instanceMetadataProvider() -> InstanceMetadataCredentialProvider {
        let endpoint = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap(URL.init(string:)) ?? URL(string: "http://169.254.169.254")!
        return InstanceMetadataCredentialProvider(endpoint: endpoint, transport: transport)
    }

    private func stsClient(credentials: (any CredentialProvider)?, description: String) -> STSCredentialClient {
        let client = AWSClient(
            region: region, credentials: credentials, transport: transport, endpoints: endpoints, retryPolicy: RetryPolicy(maxAttempts: 3))
        return STSCredentialClient(client: client, sourceDescription: description)
    }
}
