import BerthJSON
import ComposeModel

/// `x-aws-cloudformation`: a fragment merged over the generated template, as Docker's ECS
/// integration allowed. Maps merge key by key (the overlay wins); anything else is replaced.
package enum Overlay {
    package static func apply(_ overlay: JSONValue, to template: Template) -> Template {
        guard case .object(let sections) = overlay else { return template }
        var template = template
        for (section, value) in sections.sorted(by: { $0.key < $1.key }) {
            guard case .object(let entries) = value else { continue }
            switch section {
            case "Resources":
                for (logicalId, body) in entries.sorted(by: { $0.key < $1.key }) {
                    merge(resource: logicalId, body: Self.value(body), into: &template)
                }
            case "Outputs":
                for (name, body) in entries.sorted(by: { $0.key < $1.key }) {
                    guard let output = self.value(body)["Value"] else { continue }
                    template.outputs.removeAll { $0.name == name }
                    template.outputs.append(TemplateOutput(name, output))
                }
            case "Parameters":
                for (name, body) in entries.sorted(by: { $0.key < $1.key }) {
                    template.parameters.removeAll { $0.name == name }
                    template.parameters.append((name, self.value(body)))
                }
            case "Conditions":
                for (name, body) in entries.sorted(by: { $0.key < $1.key }) {
                    template.conditions.removeAll { $0.name == name }
                    template.conditions.append((name, self.value(body)))
                }
            default:
                continue
            }
        }
        return template
    }

    static func merge(resource logicalId: String, body: TemplateValue, into template: inout Template) {
        for (sectionIndex, section) in template.sections.enumerated() {
            if let index = section.resources.firstIndex(where: { $0.logicalId == logicalId }) {
                var resource = section.resources[index]
                if case .string(let type)? = body["Type"] { resource.type = type }
                if case .map(let properties)? = body["Properties"] {
                    resource.properties = merged(resource.properties, properties)
                }
                if case .string(let policy)? = body["DeletionPolicy"] { resource.deletionPolicy = policy }
                if case .string(let policy)? = body["UpdateReplacePolicy"] { resource.updateReplacePolicy = policy }
                template.sections[sectionIndex].resources[index] = resource
                return
            }
        }
        guard case .string(let type)? = body["Type"] else { return }
        var resource = Resource(logicalId, type)
        if case .map(let properties)? = body["Properties"] { resource.properties = properties }
        if case .list(let dependsOn)? = body["DependsOn"] {
            resource.dependsOn = dependsOn.compactMap { if case .string(let id) = $0 { id } else { nil } }
        }
        if let last = template.sections.indices.last, template.sections[last].comment.hasPrefix("x-aws-cloudformation") {
            template.sections[last].resources.append(resource)
        } else {
            template.sections.append(TemplateSection("x-aws-cloudformation: resources added by the compose file", [resource]))
        }
    }

    static func merged(_ base: TemplateMap, _ overlay: TemplateMap) -> TemplateMap {
        var result = base
        for (key, value) in overlay.entries {
            if case .map(let existing)? = result[key], case .map(let incoming) = value {
                result[key] = .map(merged(existing, incoming))
            } else {
                result[key] = value
            }
        }
        return result
    }

    /// A compose-side JSON value as a template value; object keys sorted so output is stable.
    package static func value(_ json: JSONValue) -> TemplateValue {
        switch json {
        case .null: return .string("")
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .double(let number): return number == number.rounded() && abs(number) < 1e15 ? .int(Int(number)) : .string(String(number))
        case .string(let text): return .string(text)
        case .array(let items): return .list(items.map(value))
        case .object(let object): return .map(TemplateMap(object.sorted { $0.key < $1.key }.map { ($0.key, value($0.value)) }))
        }
    }
}
