import ComposeModel
import Foundation
import Testing

@testable import StackTemplates

struct NestedStacksTests {
    /// `count` services, every fifth publishing a port, mounting one of `volumes` volumes.
    static func bigSite(services count: Int, volumes: Int) throws -> Site {
        var lines = ["name: big", "services:"]
        for index in 0..<count {
            lines.append("  s\(index):")
            lines.append(index % 3 == 0 ? "    build: ./s\(index)" : "    image: nginx")
            lines.append(index % 5 == 0 ? "    ports: [\"\(20000 + index):80\"]" : "    expose: [\"\(3000 + index % 7)\"]")
            lines.append("    volumes: [\"v\(index % volumes):/data\"]")
        }
        lines.append("volumes:")
        for index in 0..<volumes { lines.append("  v\(index): {}") }
        var directories = Set<String>()
        for index in stride(from: 0, to: count, by: 3) { directories.insert("/p/s\(index)") }
        let options = ComposeLoadOptions(
            files: [], workingDirectory: "/p", projectName: nil, envFiles: [], processEnvironment: [:], profiles: [],
            fileSystem: InMemoryFileSystem(files: ["/p/compose.yaml": lines.joined(separator: "\n")], directories: directories))
        let result = ComposeLoader.load(options)
        guard let site = result.site, !result.hasErrors else {
            throw Fixtures.FixtureError(description: result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return site
    }

    @Test func aSmallSiteIsOneTemplate() throws {
        let files = InfraStack(InfraStackInput(site: try Fixtures.exampleSite("prod"), environmentName: "prod")).renderAll()
        #expect(files.map(\.fileName) == ["website-prod.infra.yaml"])
    }

    @Test func aBigSiteIsSplitWithinTheLimits() throws {
        let stack = InfraStack(InfraStackInput(site: try Self.bigSite(services: 150, volumes: 30), environmentName: "prod"))
        let whole = stack.template()
        #expect(!NestedStacks.fits(whole))
        let split = NestedStacks(splitting: whole, stackName: "big-prod")
        // The volumes stay in the root: it fits without the services.
        #expect(split.children.map(\.logicalId) == ["Services1", "Services2", "Services3", "Services4"])
        for template in [split.root] + split.children.map(\.template) {
            #expect(NestedStacks.fits(template))
        }
        // Nothing is lost or doubled.
        let moved =
            split.root.resources.filter { $0.type != "AWS::CloudFormation::Stack" }.count
            + split.children.map(\.template.resources.count).reduce(0, +)
        #expect(moved == whole.resources.count)
        // Every name a child refers to is its own resource or a parameter the root passes.
        for child in split.children {
            let own = Set(child.template.resources.map(\.logicalId))
            let parameters = Set(child.template.parameters.map(\.name))
            let passed = split.root.resource(child.logicalId)?.properties["Parameters"]
            for resource in child.template.resources {
                for name in References.names(in: resource) {
                    #expect(own.contains(name) || parameters.contains(name), "\(child.logicalId): \(resource.logicalId) refers to \(name)")
                }
            }
            for parameter in parameters {
                #expect(passed?[parameter] != nil, "\(child.logicalId) needs \(parameter)")
                #expect(split.root.resource(parameter) != nil || split.root.parameters.contains { $0.name == parameter })
            }
        }
        #expect(split.root.parameters.contains { $0.name == NestedStacks.artifactsParameter })
        // The root refers to nothing a child holds.
        let rootNames = Set(split.root.resources.map(\.logicalId) + split.root.parameters.map(\.name))
        for resource in split.root.resources {
            for name in References.names(in: resource) {
                #expect(rootNames.contains(name), "the root's \(resource.logicalId) refers to \(name)")
            }
        }
    }
}
