import AWSServices

/// One resource a change set would touch, as `berth plan` shows it.
package struct PlannedResourceChange: Sendable, Equatable {
    package enum Action: Sendable, Equatable {
        case add, modify, remove, `import`, dynamic
        /// An action newer than this code.
        case other(String)

        init(_ raw: String?) {
            switch raw {
            case "Add": self = .add
            case "Modify": self = .modify
            case "Remove": self = .remove
            case "Import": self = .import
            case "Dynamic": self = .dynamic
            default: self = .other(raw ?? "")
            }
        }
    }

    /// Whether a `Modify` replaces the resource: a new physical resource (new id, new data)
    /// rather than an update in place. AWS says `True`, `False` or `Conditional`.
    package enum Replacement: String, Sendable, Equatable {
        case always = "True"
        case never = "False"
        case conditional = "Conditional"
    }

    package var logicalResourceId: String
    package var resourceType: String
    package var action: Action
    /// `nil` for adds and removes, which AWS gives none.
    package var replacement: Replacement?
    package var physicalResourceId: String?

    package init(logicalResourceId: String, resourceType: String, action: Action, replacement: Replacement? = nil, physicalResourceId: String? = nil)
    {
        self.logicalResourceId = logicalResourceId
        self.resourceType = resourceType
        self.action = action
        self.replacement = replacement
        self.physicalResourceId = physicalResourceId
    }

    /// The resource changes of a described change set, in CloudFormation's order.
    static func from(_ changeSet: CloudFormationClient.ChangeSet) -> [PlannedResourceChange] {
        (changeSet.Changes ?? []).compactMap { change in
            guard let resource = change.ResourceChange else { return nil }
            return PlannedResourceChange(
                logicalResourceId: resource.LogicalResourceId ?? "", resourceType: resource.ResourceType ?? "",
                action: Action(resource.Action), replacement: resource.Replacement.flatMap(Replacement.init(rawValue:)),
                physicalResourceId: resource.PhysicalResourceId.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// A file system (a volume's data) that the change leaves behind: the stack keeps it
    /// (Retain) but no service mounts it any more, and a renamed volume starts empty.
    package var leavesDataBehind: Bool { action == .remove && resourceType == "AWS::EFS::FileSystem" }
}
