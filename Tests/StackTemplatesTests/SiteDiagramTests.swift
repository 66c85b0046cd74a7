import ComposeModel
import Foundation
import StackTemplates
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `berth diagram`: the example site drawn three ways, golden-file tested, and the SVG is XML a
/// browser takes.
struct SiteDiagramTests {
    static func diagram(_ environment: String = "prod", fileSystems: [String: String] = [:], address: String? = nil) throws -> SiteDiagram {
        let site = try Fixtures.exampleSite(environment)
        return SiteDiagram(
            site: site, names: InfraStackInput(site: site, environmentName: environment).names, fileSystems: fileSystems, address: address)
    }

    @Test func theExampleSiteFromTheLoadBalancerToItsVolume() throws {
        let diagram = try Self.diagram()
        #expect(diagram.nodes.map(\.id) == ["lb", "svc_proxy", "svc_site", "svc_cms", "vol_cms_uploads", "logs", "backups"])
        #expect(diagram.nodes.map(\.column) == [0, 1, 2, 3, 4, -1, -1])
        #expect(
            diagram.edges.map { "\($0.from) -> \($0.to): \($0.label)" } == [
                "lb -> svc_proxy: 80 → 80", "svc_proxy -> svc_site: site:3000", "svc_site -> svc_cms: cms:1337",
                "svc_cms -> vol_cms_uploads: /var/lib/ghost/content",
            ])
        #expect(diagram.nodes.first { $0.id == "svc_site" }?.detail == "0.5 vCPU / 1 GiB × 3 tasks")
        try assertGolden(diagram.mermaid, named: "example-site-prod.diagram.mmd")
        try assertGolden(diagram.dot, named: "example-site-prod.diagram.dot")
        try assertGolden(diagram.svg, named: "example-site-prod.diagram.svg")
    }

    @Test func theSVGIsWellFormedXMLAndEscapesWhatItDraws() throws {
        let diagram = try Self.diagram(fileSystems: ["cms-uploads": "fs-0123<&>"], address: "site-1.eu-west-1.elb.amazonaws.com")
        let svg = diagram.svg
        #expect(svg.contains("fs-0123&lt;&amp;&gt;") && svg.contains("site-1.eu-west-1.elb.amazonaws.com"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }
}
