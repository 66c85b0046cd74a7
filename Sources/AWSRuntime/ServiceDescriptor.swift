import Foundation

/// What the runtime needs to know about one AWS service. Service clients each hold one.
package struct ServiceDescriptor: Sendable, Equatable {
    package enum WireProtocol: Sendable, Equatable {
        /// awsJson1_0 / awsJson1_1: POST `/`, `X-Amz-Target: <targetPrefix>.<Operation>`.
        case json(version: String, targetPrefix: String)
        case restJSON
        /// awsQuery: form-encoded `Action`/`Version`, XML answers; lists as `Name.member.N`.
        case query(version: String)
        /// ec2Query: like awsQuery, lists as `Name.N`.
        case ec2(version: String)
        case restXML
    }

    /// Human name used in messages and the `--verbose` line, e.g. `CloudFormation`.
    package var name: String
    /// The host prefix: `ecs`, `elasticfilesystem`, `logs`...
    package var endpointPrefix: String
    /// The name in the credential scope; moto routes on it, so it must be right even locally.
    package var signingName: String
    /// The SDK service id for `AWS_ENDPOINT_URL_<ID>` (upper-cased, spaces as `_`) and the
    /// `[services]` section of the config file (lower-cased, spaces as `_`).
    package var serviceId: String
    package var `protocol`: WireProtocol
    /// Global services (IAM) are signed for one region whatever the client's region is.
    package var globalRegion: String?

    package init(
        name: String, endpointPrefix: String, signingName: String? = nil, serviceId: String, protocol: WireProtocol, globalRegion: String? = nil
    ) {
        self.name = name
        self.endpointPrefix = endpointPrefix
        self.signingName = signingName ?? endpointPrefix
        self.serviceId = serviceId
        self.protocol = `protocol`
        self.globalRegion = globalRegion
    }

    package var environmentKey: String {
        serviceId.uppercased().replacingOccurrences(of: " ", with: "_")
    }

    package var configKey: String {
        serviceId.lowercased().replacingOccurrences(of: " ", with: "_")
    }
}
