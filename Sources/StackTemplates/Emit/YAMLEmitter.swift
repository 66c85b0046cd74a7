/// Writes a `Template` as YAML: block style, two-space indent, keys in the order Berth wrote
/// them, a comment above each section. The same template always gives the same bytes.
package enum YAMLEmitter {
    package static func render(_ template: Template) -> String {
        var out = "AWSTemplateFormatVersion: \"2010-09-09\"\n"
        out += "Description: \(YAMLScalar.render(template.description))\n"
        if !template.metadata.isEmpty {
            out += "Metadata:\n"
            write(.map(template.metadata), indent: 1, into: &out)
        }
        if !template.parameters.isEmpty {
            out += "Parameters:\n"
            write(.map(TemplateMap(template.parameters.map { ($0.name, $0.value) })), indent: 1, into: &out)
        }
        if !template.conditions.isEmpty {
            out += "Conditions:\n"
            write(.map(TemplateMap(template.conditions.map { ($0.name, $0.value) })), indent: 1, into: &out)
        }
        out += "Resources:\n"
        var first = true
        for section in template.sections where !section.resources.isEmpty {
            if !first { out += "\n" }
            first = false
            out += "  # \(section.comment)\n"
            for resource in section.resources {
                out += "  \(resource.logicalId):\n"
                write(.map(body(of: resource)), indent: 2, into: &out)
            }
        }
        if !template.outputs.isEmpty {
            out += "Outputs:\n"
            for output in template.outputs {
                var map = TemplateMap()
                if let description = output.description { map["Description"] = .string(description) }
                if let condition = output.condition { map["Condition"] = .string(condition) }
                map["Value"] = output.value
                if let exportName = output.exportName { map["Export"] = ["Name": exportName] }
                out += "  \(output.name):\n"
                write(.map(map), indent: 2, into: &out)
            }
        }
        return out
    }

    /// Any YAML document in the same style (a compose file `berth dev` writes), after `comment`
    /// lines written as `# …`.
    package static func document(_ value: TemplateValue, comment: [String] = []) -> String {
        var out = comment.map { "# \($0)\n" }.joined()
        write(value, indent: 0, into: &out)
        return out
    }

    static func body(of resource: Resource) -> TemplateMap {
        var map = TemplateMap()
        map["Type"] = .string(resource.type)
        if let condition = resource.condition { map["Condition"] = .string(condition) }
        if !resource.dependsOn.isEmpty { map["DependsOn"] = .list(resource.dependsOn.map(TemplateValue.string)) }
        if let policy = resource.deletionPolicy { map["DeletionPolicy"] = .string(policy) }
        if let policy = resource.updateReplacePolicy { map["UpdateReplacePolicy"] = .string(policy) }
        if !resource.skippedChecks.isEmpty {
            map["Metadata"] = [
                "checkov": ["skip": .list(resource.skippedChecks.map { ["id": .string($0.id), "comment": .string($0.reason)] })]
            ]
        }
        if !resource.properties.isEmpty { map["Properties"] = .map(resource.properties) }
        return map
    }

    /// Writes the entries of a map or list at `indent` levels (the caller wrote the parent key).
    static func write(_ value: TemplateValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .map(let map):
            for (key, item) in map.entries {
                out += pad + YAMLScalar.render(key) + ":"
                writeAfterKey(item, indent: indent, into: &out)
            }
        case .list(let items):
            for item in items {
                switch item {
                case .map(let map) where !map.isEmpty:
                    // First entry on the dash line, the rest aligned under it.
                    var text = ""
                    write(item, indent: indent + 1, into: &text)
                    let itemPad = String(repeating: "  ", count: indent + 1)
                    out += pad + "- " + text.dropFirst(itemPad.count)
                    _ = map
                case .list(let inner) where !inner.isEmpty:
                    out += pad + "-\n"
                    write(item, indent: indent + 1, into: &out)
                default:
                    out += pad + "- " + inline(item) + "\n"
                }
            }
        default:
            out += pad + inline(value) + "\n"
        }
    }

    static func writeAfterKey(_ value: TemplateValue, indent: Int, into out: inout String) {
        switch value {
        case .map(let map) where !map.isEmpty:
            out += "\n"
            write(value, indent: indent + 1, into: &out)
        case .list(let items) where !items.isEmpty:
            out += "\n"
            write(value, indent: indent + 1, into: &out)
        default:
            out += " " + inline(value) + "\n"
        }
    }

    static func inline(_ value: TemplateValue) -> String {
        switch value {
        case .string(let text): YAMLScalar.render(text)
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .list: "[]"
        case .map: "{}"
        }
    }
}
