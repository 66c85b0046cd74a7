import ComposeModel
import Foundation

/// Splits a template that would exceed CloudFormation's limits into a root stack and nested
/// stacks, instead of failing (ECS Compose-X stops at 34 services on the output limit).
///
/// Resources owned by a service or a volume move, in groups, into child templates; everything
/// shared stays in the root. A child refers to shared resources by their own names, declared
/// as the child's parameters, so the same builders produce both layouts.
package struct NestedStacks: Sendable {
    /// CloudFormation's limits (AWS docs, "CloudFormation quotas"), with headroom kept below them.
    package static let maxResources = 450
    package static let maxOutputs = 190
    package static let maxBodyBytes = 900_000
    package static let servicesPerStack = 40
    package static let volumesPerStack = 120
    /// The root parameter nested `TemplateURL`s are built from: where Berth uploaded the children.
    package static let artifactsParameter = "ArtifactsBaseUrl"

    package struct Child: Sendable, Equatable {
        package var logicalId: String
        package var fileName: String
        package var template: Template
    }

    package var root: Template
    package var children: [Child]

    package static func fits(_ template: Template) -> Bool {
        rendered(ifItFits: template) != nil
    }

    /// The template's YAML when it fits in one stack; nil otherwise. Callers that need the YAML
    /// anyway render it once.
    package static func rendered(ifItFits template: Template) -> String? {
        guard template.resources.count <= maxResources, template.outputs.count <= maxOutputs else { return nil }
        let yaml = YAMLEmitter.render(template)
        return yaml.utf8.count <= maxBodyBytes ? yaml : nil
    }

    /// - Parameter stackName: names the child template files.
    ///
    /// Services move first. Volumes move only when the root is still too big without the
    /// services: the backup task definitions in the root name every volume's file system, and a
    /// root cannot refer to a child's resources.
    package init(splitting template: Template, stackName: String) {
        let owners = template.resources.compactMap(\.owner).uniqued()
        let services = owners.filter { $0.hasPrefix("service:") }.chunked(Self.servicesPerStack).enumerated().map {
            (id: "Services\($0 + 1)", owners: $1)
        }
        let volumes = owners.filter { $0.hasPrefix("volume:") }.chunked(Self.volumesPerStack).enumerated().map {
            (id: "Volumes\($0 + 1)", owners: $1)
        }
        var split = Self.moving(services, from: template, stackName: stackName)
        if !Self.fits(split.root) { split = Self.moving(services + volumes, from: template, stackName: stackName) }
        split.root.parameters.append((Self.artifactsParameter, ["Type": "String", "Description": "Where Berth uploaded the nested templates."]))
        self.root = split.root
        self.children = split.children
    }

    /// The template with each group's resources moved into a child stack of its own.
    private static func moving(
        _ groups: [(id: String, owners: [String])], from template: Template, stackName: String
    ) -> (root: Template, children: [Child]) {
        var root = template
        let rootParameters = Set(template.parameters.map(\.name))
        var children: [Child] = []
        for group in groups {
            let members = Set(group.owners)
            var moved: [TemplateSection] = []
            for index in root.sections.indices {
                let taken = root.sections[index].resources.filter { $0.owner.map(members.contains) ?? false }
                guard !taken.isEmpty else { continue }
                root.sections[index].resources.removeAll { $0.owner.map(members.contains) ?? false }
                moved.append(TemplateSection(root.sections[index].comment, taken))
            }
            let local = Set(moved.flatMap(\.resources).map(\.logicalId))
            let external = moved.flatMap(\.resources).flatMap { References.names(in: $0) }.uniqued().filter { !local.contains($0) }
            var parameters: [(String, TemplateValue)] = []
            var passed = TemplateMap()
            for name in external {
                let isList = name == "Subnets" && rootParameters.contains(name)
                parameters.append((name, ["Type": isList ? "List<AWS::EC2::Subnet::Id>" : "String"]))
                passed[name] = isList ? .join(",", [.ref(name)]) : .ref(name)
            }
            let fileName = "\(stackName).\(group.id.lowercased()).yaml"
            children.append(
                Child(
                    logicalId: group.id, fileName: fileName,
                    template: Template(
                        description: "\(template.description) Nested stack \(group.id).", metadata: template.metadata,
                        parameters: parameters, sections: moved)))
            var stackProperties: TemplateMap = ["TemplateURL": .sub("${\(Self.artifactsParameter)}/\(fileName)")]
            if !passed.isEmpty { stackProperties["Parameters"] = .map(passed) }
            stackProperties["Tags"] = template.resources.first { $0.type == "AWS::ECS::Cluster" }?.properties["Tags"] ?? .list([])
            let section = TemplateSection("Nested stacks: the services' and volumes' own resources, in groups", [])
            if root.sections.last?.comment != section.comment { root.sections.append(section) }
            root.sections[root.sections.count - 1].resources.append(Resource(group.id, "AWS::CloudFormation::Stack", stackProperties))
        }
        return (root, children)
    }
}

/// Names a resource refers to: `Ref`, `Fn::GetAtt` and `${Name}` in `Fn::Sub`, pseudo
/// parameters left out.
enum References {
    static func names(in resource: Resource) -> [String] {
        var found: [String] = []
        collect(.map(resource.properties), into: &found)
        return found + resource.dependsOn
    }

    static func collect(_ value: TemplateValue, into found: inout [String]) {
        switch value {
        case .map(let map):
            if case .string(let name)? = map["Ref"], map.entries.count == 1 {
                if !name.hasPrefix("AWS::") { found.append(name) }
                return
            }
            if case .list(let items)? = map["Fn::GetAtt"], case .string(let name)? = items.first {
                found.append(name)
                return
            }
            if case .string(let text)? = map["Fn::Sub"] {
                found += substitutions(text)
                return
            }
            for (_, item) in map.entries { collect(item, into: &found) }
        case .list(let items):
            for item in items { collect(item, into: &found) }
        default:
            return
        }
    }

    static func substitutions(_ text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "}") else { break }
            let name = rest[..<end].split(separator: ".").first.map(String.init) ?? ""
            if !name.hasPrefix("AWS::"), !name.hasPrefix("!"), !name.isEmpty { names.append(name) }
            rest = rest[rest.index(after: end)...]
        }
        return names
    }
}
