import AWSServices
import Foundation

/// One stack event: a resource (or the stack itself) changing status.
public struct StackResourceEvent: Sendable, Equatable {
    public var stackName: String
    public var logicalResourceId: String
    public var resourceType: String
    public var physicalResourceId: String?
    public var status: StackStatus
    public var reason: String?
    /// When CloudFormation recorded it (AWS's clock).
    public var timestamp: Date
    /// Seconds since the first event this deploy showed for the operation (for a create or
    /// update Berth started, the operation's own first event). Both times are AWS's, so a
    /// skewed local clock cannot make it negative or huge.
    public var elapsed: TimeInterval
    /// The stack's own status change, not one of its resources'.
    public var isStack: Bool

    public init(
        stackName: String, logicalResourceId: String, resourceType: String, physicalResourceId: String? = nil, status: StackStatus,
        reason: String? = nil, timestamp: Date, elapsed: TimeInterval, isStack: Bool
    ) {
        self.stackName = stackName
        self.logicalResourceId = logicalResourceId
        self.resourceType = resourceType
        self.physicalResourceId = physicalResourceId
        self.status = status
        self.reason = reason
        self.timestamp = timestamp
        self.elapsed = elapsed
        self.isStack = isStack
    }

    /// A resource that failed: `CREATE_FAILED`, `UPDATE_FAILED`, `DELETE_FAILED`.
    public var isFailure: Bool { status.rawValue.hasSuffix("_FAILED") }
}
