import AWSRuntime
import ComposeModel
import DeployEngine
import Foundation
import ImageRegistry

/// Image lookups as every command that renders the site does them: the registry behind the
/// user's cache, Docker Hub through `BERTH_DOCKER_HUB_MIRROR` when set (a pull-through cache, as
/// docker's `registry-mirrors`), ECR through the command's AWS credentials, and none at all with
/// `BERTH_IMAGE_LOOKUP=off` (air-gapped machines, tests).
extension CommandContext {
    var imageLookupsOff: Bool { processEnvironment["BERTH_IMAGE_LOOKUP"]?.lowercased() == "off" }

    func imageSource(tagLifetime: TimeInterval = CachedRegistrySource.validationLifetime) throws -> (any ImageConfigSource)? {
        guard !imageLookupsOff else { return nil }
        var mirror: URL?
        if let text = processEnvironment["BERTH_DOCKER_HUB_MIRROR"], !text.isEmpty {
            guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw BadInputError("BERTH_DOCKER_HUB_MIRROR=\(text) is not an http(s) URL", hint: "e.g. https://mirror.example.com")
            }
            mirror = url
        }
        let credentials = ECRRegistryCredentials { [self] region in try awsClient(region: region) }
        let client = RegistryClient(transport: transport, credentials: credentials, dockerHubMirror: mirror)
        return CachedRegistrySource(client: client, cache: ImageConfigCache(environment: processEnvironment), tagLifetime: tagLifetime)
    }

    /// The site with the ports of services that others name but that declare none, found in
    /// their images or Dockerfiles; what was found, and what could not be, goes to stderr.
    func discoveringPorts(in site: Site) async throws -> (site: Site, warnings: Int) {
        let result = await ImagePortDiscovery(source: try imageSource()).discover(in: site)
        for diagnostic in result.diagnostics { printer.progress(diagnostic.description) }
        return (result.site, result.diagnostics.filter { $0.severity == .warning }.count)
    }

    /// The site with public images pinned to the digest their tag has now (deploy and plan), and
    /// the pins for the report; nothing with `BERTH_IMAGE_LOOKUP=off`.
    func pinningImages(in site: Site) async throws -> (site: Site, pins: [ImagePin]) {
        guard let source = try imageSource(tagLifetime: 0) else { return (site, []) }
        let result = await ImagePinning(source: source).pin(site)
        for diagnostic in result.diagnostics { printer.progress(diagnostic.description) }
        return (result.site, result.pins)
    }
}
