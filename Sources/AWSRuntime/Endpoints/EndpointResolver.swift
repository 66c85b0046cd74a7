import Foundation

/// Where requests for a service go, resolved as the AWS SDKs do.
///
/// Order (SDK "service-specific endpoints" feature): `AWS_ENDPOINT_URL_<SERVICE>`, then
/// `AWS_ENDPOINT_URL`, then the profile's `services` section, then its `endpoint_url`, then the
/// standard endpoint. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` skips all overrides.
package struct EndpointResolver: Sendable {
    package var environment: [String: String]
    package var profile: ProfileSettings

    package init(environment: [String: String], profile: ProfileSettings) {
        self.environment = environment
        self.profile = profile
    }

    package struct Endpoint: Sendable, Equatable {
        package var url: URL
        /// Set when the URL came from configuration rather than AWS's standard names.
        package var isOverride: Bool
        package var source: String
    }

    package func resolve(_ service: ServiceDescriptor, region: String) throws -> Endpoint {
        let ignore = (environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] ?? profile["ignore_configure_endpoint_urls"])?.lowercased() == "true"
        if !ignore {
            let candidates: [(String?, String)] = [
                (environment["AWS_ENDPOINT_URL_\(service.environmentKey)"], "AWS_ENDPOINT_URL_\(service.environmentKey)"),
                (environment["AWS_ENDPOINT_URL"], "AWS_ENDPOINT_URL"),
                (profile.serviceSetting(service.configKey, "endpoint_url"), "profile services section (\(service.configKey))"),
                (profile["endpoint_url"], "profile endpoint_url"),
            ]
            for (value, source) in candidates {
                guard let value, !value.isEmpty else { continue }
                guard let url = URL(string: value), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                    throw AWSClientError("\(source) is not a URL: \(value)", hint: "use e.g. http://127.0.0.1:4566")
                }
                return Endpoint(url: url, isOverride: true, source: source)
            }
        }
        let signingRegion = service.globalRegion ?? region
        let suffix = Partition.of(region: signingRegion).dnsSuffix
        let host: String
        if service.globalRegion != nil {
            host = "\(service.endpointPrefix).\(suffix)"
        } else {
            host = "\(service.endpointPrefix).\(region).\(suffix)"
        }
        guard let url = URL(string: "https://\(host)") else {
            throw AWSClientError("no endpoint can be made for region \(region)", hint: "use a region name such as eu-west-1")
        }
        return Endpoint(url: url, isOverride: false, source: "standard AWS endpoint")
    }
}
