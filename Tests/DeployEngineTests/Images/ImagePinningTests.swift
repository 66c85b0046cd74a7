import ComposeModel
import DeployEngine
import Testing

@Suite struct ImagePinningTests {
    static let digest = "sha256:" + String(repeating: "a", count: 64)

    @Test func publicImagesArePinnedAndTheRestLeftAsTheServicesLayerPinsThem() async throws {
        let site = try ImagePortDiscoveryTests.load(
            """
            services:
              proxy: {image: "nginx:1.27-alpine", ports: ["80:80"]}
              db: {image: "mysql:8.0", x-berth: {image_tag: "8.4"}}
              site: {build: ./site, image: "website/site"}
              ecr: {image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/website/api:v1"}
              fixed: {image: "redis@sha256:\(String(repeating: "b", count: 64))"}
              local: {image: "127.0.0.1:5000/team/app:dev"}
            """)
        let source = TableImageSource(table: ["library/nginx:1.27-alpine": [80], "library/mysql:8.4": [3306], "team/app:dev": []])
        let result = await ImagePinning(source: source).pin(site)
        #expect(
            result.pins == [
                ImagePin(service: "proxy", image: "nginx:1.27-alpine", digest: Self.digest),
                ImagePin(service: "db", image: "mysql:8.4", digest: Self.digest),
                ImagePin(service: "local", image: "127.0.0.1:5000/team/app:dev", digest: Self.digest),
            ])
        #expect(result.site.service(named: "proxy")?.deployedImage == "nginx@\(Self.digest)")
        #expect(result.site.service(named: "db")?.deployedImage == "mysql@\(Self.digest)", "image_tag chose the tag; the digest is what it named")
        #expect(result.site.service(named: "local")?.deployedImage == "127.0.0.1:5000/team/app@\(Self.digest)", "a registry's port is not a tag")
        for untouched in ["site", "ecr", "fixed"] {
            #expect(result.site.service(named: untouched) == site.service(named: untouched))
        }
        #expect(result.diagnostics.isEmpty)
    }

    @Test func anImageThatCannotBeReadIsDeployedByTagWithAWarningAtItsLine() async throws {
        let site = try ImagePortDiscoveryTests.load(
            """
            services:
              proxy:
                image: "nginx:9.9"
            """)
        let result = await ImagePinning(source: TableImageSource(table: [:])).pin(site)
        #expect(result.site == site)
        #expect(
            result.diagnostics.map(\.description) == [
                "compose.yaml:2:3: warning: services.proxy: its image nginx:9.9 is deployed by its tag, not pinned: the registry has no such image (MANIFEST_UNKNOWN) (tasks started later run whatever the tag names then; pin it as image@sha256:… to be sure)"
            ])
    }
}
