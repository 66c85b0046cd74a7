import ComposeModel
import DeployEngine
import StackTemplates
import Testing

/// A real nginx.conf is often over Parameter Store's 8 KB; such a file goes as Standard
/// parameters of at most 4 KB each, which the init container joins (issue 11, item 8).
struct LargeConfigFileTests {
    /// 9,000 bytes, with two-byte characters so that a part boundary falls inside one if the
    /// split were by bytes.
    static let large = String(repeating: "location / { return 200 'é'; }\n", count: 290)

    static func builder() throws -> DesiredStateBuilder {
        let compose = """
            name: shop
            services:
              web:
                image: nginx:1.27
                configs:
                  - source: big
                    target: /etc/nginx/nginx.conf
                  - source: small
                    target: /etc/nginx/mime.types
            configs:
              big:
                content: "${BIG}"
              small:
                content: "types {}"
            """
        let options = ComposeLoadOptions(
            files: [], workingDirectory: "/p", projectName: nil, envFiles: [], processEnvironment: ["BIG": large], profiles: [],
            fileSystem: InMemoryFileSystem(files: ["/p/compose.yaml": compose]))
        let result = ComposeLoader.load(options)
        let site = try #require(result.site, "\(result.diagnostics)")
        return DesiredStateBuilder(
            site: try site.resolved(environmentName: nil), target: ServicesReconcilerTests.target, names: Names(project: "shop", environment: "dev"),
            content: ContentReader(processEnvironment: [:]))
    }

    @Test func aLargeFileGoesInPartsThatJoinToItExactly() throws {
        #expect(Self.large.utf8.count > 8192)
        let builder = try Self.builder()
        let values = try builder.storedValues()
        let parts = values.filter { $0.name.contains("0-big") }
        #expect(parts.map(\.name) == (0..<3).map { "/berth/shop/dev/files/web/0-big.part\($0)" })
        #expect(parts.allSatisfy { $0.value.utf8.count <= 4096 && $0.store == .parameterStore })
        #expect(parts.map(\.value).joined() == Self.large)
        // A file within one parameter's limit keeps its one parameter and its name.
        #expect(values.contains { $0.name == "/berth/shop/dev/files/web/1-small" && $0.value == "types {}" })
    }

    @Test func theInitContainerWritesTheFirstPartAndAppendsTheRest() throws {
        let builder = try Self.builder()
        let web = try #require(builder.site.service(named: "web"))
        let script = FileInjection.script(try builder.files(of: web))
        #expect(script.contains("printf '%s' \"$BERTH_FILE_0\" > /berth/0/'nginx.conf'"))
        #expect(script.contains("printf '%s' \"$BERTH_FILE_1\" >> /berth/0/'nginx.conf'"))
        #expect(script.contains("printf '%s' \"$BERTH_FILE_2\" >> /berth/0/'nginx.conf'"))
        #expect(script.contains("printf '%s' \"$BERTH_FILE_3\" > /berth/0/'mime.types'"))
    }
}
