import AWSRuntime
import AWSServices
import ArgumentParser
import ComposeModel
import Foundation

extension Berth {
    /// Checks that Berth can reach AWS: region, endpoint, credentials, and who they belong to.
    struct Doctor: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Show the AWS account, identity, region, credential source and endpoint Berth would use.",
            discussion: """
                Examples:
                  berth doctor                                the credential chain, as every command uses it
                  berth doctor --profile prod --verbose       a profile, with one line per AWS request
                """)

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
            // The site's region when there is a compose file here, as every other command reads
            // it; read quietly, since doctor is about AWS, not the file.
            let siteRegion =
                globals.region == nil
                ? ComposeLoader.load(context.composeLoadOptions()).site.flatMap { try? $0.resolved(environmentName: globals.env).region } : nil
            let session = try context.awsSession(siteRegion: siteRegion)
            let endpoint = try session.endpoints.resolve(STSClient.descriptor, region: session.region.region)
            let identity = try await STSClient(session.client).getCallerIdentity()
            let report = Report(
                account: identity.Account, arn: identity.Arn, userId: identity.UserId, region: session.region.region,
                regionSource: siteRegion == nil ? session.region.source : "x-berth.region of the compose file", profile: session.profileName,
                credentialSource: session.credentials.source,
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
