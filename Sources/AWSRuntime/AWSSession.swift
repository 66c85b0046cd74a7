import Foundation
import Logging

/// Everything resolved once per command from flags, environment and the shared files: region,
/// profile, endpoints, credentials and the client that uses them.
package struct AWSSession: Sendable {
    package var client: AWSClient
    package var region: RegionResolver.Resolved
    package var profileName: String
    package var endpoints: EndpointResolver
    package var credentials: any CredentialProvider
    package var retryPolicy: RetryPolicy

    package struct Options: Sendable {
        package var profile: String?
        package var region: String?
        package var environment: [String: String]
        package var logger: Logger?

        package init(profile: String? = nil, region: String? = nil, environment: [String: String], logger: Logger? = nil) {
            self.profile = profile
            self.region = region
            self.environment = environment
            self.logger = logger
        }
    }

    package static func make(_ options: Options, transport: any HTTPTransport, files: SharedConfigFiles? = nil) throws -> AWSSession {
        let environment = options.environment
        let files = files ?? SharedConfigFiles.load(environment: environment)
        let profileName = options.profile ?? environment["AWS_PROFILE"] ?? "default"
        let profile = files.profile(profileName)
        guard let region = RegionResolver.resolve(flag: options.region, environment: environment, profile: profile) else {
            throw CredentialError("no AWS region is set", hint: "pass --region, set AWS_REGION, or add region to the profile")
        }
        guard RegionResolver.isValid(region.region) else {
            throw AWSClientError("the region \"\(region.region)\" from \(region.source) is not a region name", hint: "use a name such as eu-west-1")
        }
        let endpoints = EndpointResolver(environment: environment, profile: profile)
        let chain = CredentialChain(environment: environment, files: files, transport: transport, region: region.region, endpoints: endpoints)
        let credentials = try chain.resolve(profileFlag: options.profile)
        let retryPolicy = try Self.retryPolicy(environment: environment, profile: profile)
        // BERTH_HTTP_TIMEOUT: seconds a request may stay silent (default 20); tests against a
        // fault-injecting proxy shorten it.
        let timeout = environment["BERTH_HTTP_TIMEOUT"].flatMap(Double.init) ?? AWSClient.defaultTimeout
        let client = AWSClient(
            region: region.region, credentials: credentials, transport: transport, endpoints: endpoints,
            retryPolicy: retryPolicy, logger: options.logger, timeout: timeout)
        return AWSSession(
            client: client, region: region, profileName: profileName, endpoints: endpoints, credentials: credentials, retryPolicy: retryPolicy)
    }

    /// `AWS_MAX_ATTEMPTS`, else the profile's `max_attempts`, else Berth's default.
    static func retryPolicy(environment: [String: String], profile: ProfileSettings) throws -> RetryPolicy {
        guard let text = environment["AWS_MAX_ATTEMPTS"] ?? profile["max_attempts"] else { return RetryPolicy() }
        guard let attempts = Int(text), attempts >= 1 else {
            throw AWSClientError("AWS_MAX_ATTEMPTS/max_attempts is \"\(text)\"", hint: "use a whole number of 1 or more")
        }
        return RetryPolicy(maxAttempts: attempts)
    }
}
