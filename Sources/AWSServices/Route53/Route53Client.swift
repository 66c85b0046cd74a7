import AWSRuntime
import Foundation
import SigV4

/// Amazon Route 53 (restXml, global: one endpoint signed for us-east-1). Only the lookup of the
/// hosted zone that holds a site's domain: the records themselves are the stack's.
package struct Route53Client: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "Route 53", endpointPrefix: "route53", serviceId: "Route 53", protocol: .restXML, globalRegion: "us-east-1")
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    package struct HostedZone: Decodable, Sendable, Equatable {
        /// `/hostedzone/Z…` as the API returns it; `zoneId` is what templates take.
        package var Id: String
        /// Fully qualified, with the trailing dot: `example.com.`.
        package var Name: String
        package var Config: ZoneConfig?

        package struct ZoneConfig: Decodable, Sendable, Equatable {
            package var PrivateZone: Bool?
        }

        package var zoneId: String { Id.hasPrefix("/hostedzone/") ? String(Id.dropFirst("/hostedzone/".count)) : Id }
        package var isPrivate: Bool { Config?.PrivateZone == true }
    }

    struct ListHostedZonesByNameOutput: Decodable {
        var HostedZones: Zones?
        struct Zones: Decodable { var HostedZone: [HostedZone]? }
    }

    /// Zones in the order Route 53 sorts them (labels reversed), starting at `dnsName`; at most
    /// `maxItems`. Zones of exactly that name come first, public and private alike.
    package func listHostedZonesByName(dnsName: String, maxItems: Int = 10) async throws -> [HostedZone] {
        let response = try await client.send(
            AWSRequest(
                service: Self.descriptor, operation: "ListHostedZonesByName", method: "GET", path: "/2013-04-01/hostedzonesbyname",
                query: [("dnsname", dnsName), ("maxitems", String(maxItems))], isIdempotent: true))
        guard let tree = XMLTree.parse(response.body) else {
            throw AWSClientError("Route 53 ListHostedZonesByName answered with XML that does not parse")
        }
        do {
            return try XMLTreeDecoder().decode(ListHostedZonesByNameOutput.self, from: tree).HostedZones?.HostedZone ?? []
        } catch {
            throw AWSClientError("could not read the answer of Route 53 ListHostedZonesByName: \(error)")
        }
    }
}
