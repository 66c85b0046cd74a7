/// A CloudFormation template as typed values: resources grouped in sections, each section
/// rendered under a short comment saying what it holds.
public struct Template: Sendable, Equatable {
    public var description: String
    public var metadata: TemplateMap
    public var parameters: [(name: String, value: TemplateValue)]
    public var conditions: [(name: String, value: TemplateValue)]
    public var sections: [TemplateSection]
    public var outputs: [TemplateOutput]

    public init(
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

    public var resources: [Resource] { sections.flatMap(\.resources) }

    public func resource(_ logicalId: String) -> Resource? {
        resources.first { $0.logicalId == logicalId }
    }

    public static func == (lhs: Template, rhs: Template) -> Bool {
        lhs.description == rhs.description && lhs.metadata == rhs.metadata && lhs.sections == rhs.sections && lhs.outputs == rhs.outputs
            && lhs.parameters.map(\.name) == rhs.parameters.map(\.name) && lhs.parameters.map(\.value) == rhs.parameters.map(\.value)
            && lhs.conditions.map(\.name) == rhs.conditions.map(\.name) && lhs.conditions.map(\.value) == rhs.conditions.map(\.value)
    }
}

public struct TemplateSection: Sendable, Equatable {
    /// One line, written as a `# ...` comment above the section's resources.
    public var comment: String
    public var resources: [Resource]

    public init(_ comment: String, _ resources: [Resource]) {
        self.comment = comment
        self.resources = resources
    }
}

public struct Resource: Sendable, Equatable {
    public var logicalId: String
    public var type: String
    public var properties: TemplateMap
    public var dependsOn: [String]
    public var condition: String?
    /// `Retain` for everything that holds data: a stack update or delete must never take it.
    public var deletionPolicy: String?
    public var updateReplacePolicy: String?
    /// Checks that do not apply here, with the reason, in checkov's `Metadata` form.
    public var skippedChecks: [SkippedCheck]
    /// The service or volume the resource exists for (`service:web`, `volume:data`); not
    /// rendered. A site too big for one stack moves owned resources into nested stacks.
    public var owner: String?

    public init(
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
public struct SkippedCheck: Sendable, Equatable {
    public var id: String
    public var reason: String

    public init(_ id: String, _ reason: String) {
        self.id = id
        self.reason = reason
    }
}

public struct TemplateOutput: Sendable, Equatable {
    public var name: String
    public var value: TemplateValue
    public var description: String?
    public var exportName: TemplateValue?
    public var condition: String?

    public init(_ name: String, _ value: TemplateValue, description: String? = nil, exportName: TemplateValue? = nil, condition: String? = nil) {
        self.name = name
        self.value = value
        self.description = description
        self.exportName = exportName
        self.condition = condition
    }
}
