import AWSRuntime
import AWSServices
import Foundation

/// The stack events of one operation, fetched as they appear.
///
/// `DescribeStackEvents` returns a stack's whole history, newest first. The stream remembers
/// the newest event from before the operation (`marker`) and every event it has handed out,
/// reads pages only until it reaches one of those, and returns what is new oldest first.
struct StackEventStream {
    let stackName: String
    private(set) var marker: String?
    private var seen: Set<String> = []
    /// Every event of the operation so far, oldest first: the failure report reads them.
    private(set) var events: [CloudFormationClient.StackEvent] = []

    init(stackName: String, marker: String?) {
        self.stackName = stackName
        self.marker = marker
    }

    /// A stream that starts after the newest event the stack has now.
    static func startingNow(_ cfn: CloudFormationClient, stackId: String, stackName: String) async throws -> StackEventStream {
        var marker: String?
        for try await page in cfn.describeStackEvents(stackName: stackId) {
            marker = page.first?.EventId
            break
        }
        return StackEventStream(stackName: stackName, marker: marker)
    }

    /// Fetches and returns the events that are new since the last call, oldest first.
    mutating func poll(_ cfn: CloudFormationClient, stackId: String) async throws -> [StackResourceEvent] {
        var fresh: [CloudFormationClient.StackEvent] = []
        pages: for try await page in cfn.describeStackEvents(stackName: stackId) {
            for event in page {
                if event.EventId == marker || seen.contains(event.EventId) { break pages }
                fresh.append(event)
            }
        }
        return take(newestFirst: fresh)
    }

    /// The pure half of `poll`: records events and turns them into progress values.
    mutating func take(newestFirst: [CloudFormationClient.StackEvent]) -> [StackResourceEvent] {
        let chronological = newestFirst.reversed().filter { !seen.contains($0.EventId) }
        var out: [StackResourceEvent] = []
        for event in chronological {
            seen.insert(event.EventId)
            events.append(event)
            let start = events.first?.Timestamp ?? event.Timestamp
            out.append(
                StackResourceEvent(
                    stackName: event.StackName ?? stackName, logicalResourceId: event.LogicalResourceId ?? "",
                    resourceType: event.ResourceType ?? "", physicalResourceId: event.PhysicalResourceId,
                    status: event.ResourceStatus ?? StackStatus(""), reason: event.ResourceStatusReason, timestamp: event.Timestamp,
                    elapsed: max(0, event.Timestamp.timeIntervalSince(start)), isStack: event.isStackEvent))
        }
        return out
    }

    /// The first resource of this operation that failed, and why. Failures that only say a
    /// resource was cancelled because another one failed come after the real one, so the
    /// earliest is the cause.
    var firstFailure: StackDeployError.ResourceFailure? {
        guard let event = events.first(where: { !$0.isStackEvent && ($0.ResourceStatus?.rawValue.hasSuffix("_FAILED") ?? false) }) else {
            return nil
        }
        return StackDeployError.ResourceFailure(
            logicalResourceId: event.LogicalResourceId ?? "", resourceType: event.ResourceType ?? "",
            status: event.ResourceStatus ?? StackStatus(""), reason: event.ResourceStatusReason)
    }
}
