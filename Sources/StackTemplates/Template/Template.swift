/// A CloudFormation template as typed values: resources grouped in sections, each section
/// rendered under a short comment saying what it holds.
package struct Template: Sendable, Equatable {
    package var description: String
    package var metadata: TemplateMap
    package var parameters: [(name: String, value: TemplateValue)]
    package var conditions: [(name: String, value: TemplateValue)]
    package var sections: [TemplateSection]
    package var outputs: [TemplateOutput]

    package init(
        description: String, metadata: TemplateMap = TemplateMap(), parameters: [(String, TemplateValue)] = [],
        conditions: [(String, TemplateValue)] = [], sections: [TemplateSection] = [], outputs: [TemplateOutput] = []
    ) {
        self.description = description
        self.metadata = metadata
        self.parameters = parameters.map { (name: $0.0, value: $0.1) }
        self.conditions = conditions.map { (name: $0.0, value: $0.1) }
        self.sections = sections
        self.outputs = outputs
    }

    package var resources: [Resource] { sections.flatMap(\.resources) }

    package func resource(_ logicalId: String) -> Resource? {
        resources.first { $0.logicalId == logicalId }
    }

    package static func == (lhs: Template, rhs: Template) -> Bool {
        lhs.description == rhs.description && lhs.metadata == rhs.metadata && lhs.sections == rhs.sections && lhs.outputs == rhs.outputs
            && lhs.parameters.map(\.name) == rhs.parameters.map(\.name) && lhs.parameters.map(\.value) == rhs.parameters.map(\.value)
            && lhs.conditions.map(\.name) == rhs.conditions.map(\.name) && lhs.conditions.map(\.value) == rhs.conditions.map(\.value)
    }
}

package struct TemplateSection: Sendable, Equatable {
    /// One line, written as a `# ...` comment above the section's resources.
    package var comment: String
    package var resources: [Resource]

    package init(_ comment: String, _ resources: [Resource]) {
        self.comment = comment
        self.resources = resources
    }
}

package struct Resource: Sendable, Equatable {
    package var logicalId: String
    package var type: String
    package var properties: TemplateMap
    package var dependsOn: [String]
    package var condition: String?
    /// `Retain` for everything that holds data: a stack update or delete must never take it.
    package var deletionPolicy: String?
    package var updateReplacePolicy: String?
    /// Checks that do not apply here, with the reason, in checkov's `Metadata` form.
    package var skippedChecks: [SkippedCheck]
    /// The service or volume the resource exists for (`service:web`, `volume:data`); not
    /// rendered. A site too big for one stack moves owned resources into nested stacks.
    package var owner: String?

    package init(
        _ logicalId: String, _ type: String, _ properties: TemplateMap = TemplateMap(), dependsOn: [String] = [], condition: String? = nil,
        retain: Bool = false, skippedChecks: [SkippedCheck] = [], owner: String? = nil
    ) {
        self.logicalId = logicalId
        self.type = type
        self.properties = properties
        self.dependsOn = dependsOn
        self.condition = condition
        self.deletionPolicy = retain ? "Retain" : nil
        self.updateReplacePolicy = retain ? "Retain" : nil
        self.skippedChecks = skippedChecks
        self.owner = owner
    }
}

/// A checkov check that a resource deliberately does not meet, and why.
package struct SkippedCheck: Sendable, Equatable {
    package var id: String
    package var reason: String

    package init(_ id: String, _ reason: String) {
        self.id = id
        self.reason = reason
    }
}

package struct TemplateOutput: Sendable, Equatable {
    package var name: String
    package var value: TemplateValue
    package var description: String?
    package var exportName: TemplateValue?
    package var condition: String?

    package init(_ name: String, _ value: TemplateValue, description: String? = nil, exportName: TemplateValue? = nil, condition: String? = nil) {
        self.name = name
        self.value = value
        self.description = description
        self.exportName = exportName
        self.condition = condition
    }
}
