import AWSRuntime
import AWSServices
import ArgumentParser
import Foundation

extension Berth {
    /// Checks that Berth can reach AWS: region, endpoint, credentials, and who they belong to.
    struct Doctor: BerthCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the AWS account, identity, region, credential source and endpoint Berth would use.")

        @OptionGroup var globals: GlobalOptions

        struct Report: Encodable {
            var account: String
            var arn: String
            var userId: String
            var region: String
            var regionSource: String
            var profile: String
            var credentialSource: String
            var endpoint: String
            var endpointSource: String
            var maxAttempts: Int
        }

        func run(_ context: CommandContext) async throws {
            let session = try context.awsSession()
            let endpoint = try session.endpoints.resolve(STSClient.descriptor, region: session.region.region)
            let identity = try await STSClient(session.client).getCallerIdentity()
            let report = Report(
                account: identity.Account, arn: identity.Arn, userId: identity.UserId, region: session.region.region,
                regionSource: session.region.source, profile: session.profileName, credentialSource: session.credentials.source,
                endpoint: endpoint.url.absoluteString, endpointSource: endpoint.source, maxAttempts: session.retryPolicy.maxAttempts)
            try context.printer.result(report) {
                """
                account      \(report.account)
                identity     \(report.arn)
                region       \(report.region) (from \(report.regionSource))
                credentials  \(report.credentialSource)
                endpoint     \(report.endpoint) (\(report.endpointSource))
                retries      up to \(report.maxAttempts) attempts per call
                """
            }
        }
    }
}
