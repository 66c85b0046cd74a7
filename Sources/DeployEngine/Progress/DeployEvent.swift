/// Progress of a deploy, handed to the caller's callback as it happens. Values only: drawing
/// them (lines, colours, spinners) is BerthCLI's job, and tests compare them directly.
package enum DeployEvent: Sendable, Equatable {
    /// A CloudFormation stack event, in the order CloudFormation recorded them.
    case resource(StackResourceEvent)
    /// A step the engine takes between stack events (uploading, change sets, waiting).
    case step(DeployStep)
}
