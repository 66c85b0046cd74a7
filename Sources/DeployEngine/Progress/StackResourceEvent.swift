import AWSServices
import Foundation

/// One stack event: a resource (or the stack itself) changing status.
package struct StackResourceEvent: Sendable, Equatable {
    package var stackName: String
    package var logicalResourceId: String
    package var resourceType: String
    package var physicalResourceId: String?
    package var status: StackStatus
    package var reason: String?
    /// When CloudFormation recorded it (AWS's clock).
    package var timestamp: Date
    /// Seconds since the first event this deploy showed for the operation (for a create or
    /// update Berth started, the operation's own first event). Both times are AWS's, so a
    /// skewed local clock cannot make it negative or huge.
    package var elapsed: TimeInterval
    /// The stack's own status change, not one of its resources'.
    package var isStack: Bool

    package init(
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
    package var isFailure: Bool { status.rawValue.hasSuffix("_FAILED") }
}
