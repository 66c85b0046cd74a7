import AWSServices
import ComposeModel

/// A task running now, as `status` shows it: its service, size and the digests its containers run.
package struct RunningTask: Sendable, Equatable {
    package var id: String
    /// The ECS service that started it (`group` is `service:NAME`).
    package var service: String
    package var size: FargateSize?
    /// Container name → the image digest it runs (ECS reports it once the image is pulled).
    package var digests: [String: String]

    package init(id: String, service: String, size: FargateSize?, digests: [String: String]) {
        self.id = id
        self.service = service
        self.size = size
        self.digests = digests
    }
}

/// A service's average use of what its size reserves over the last quarter hour, in percent
/// (ECS's `CPUUtilization` and `MemoryUtilization`); nil when CloudWatch has no data points yet.
package struct Utilization: Sendable, Equatable, Encodable {
    package var cpu: Double?
    package var memory: Double?

    package init(cpu: Double?, memory: Double?) {
        self.cpu = cpu
        self.memory = memory
    }
}

/// An alarm of the site and where it stands.
package struct AlarmState: Sendable, Equatable, Encodable {
    package var name: String
    /// `OK`, `ALARM` or `INSUFFICIENT_DATA`.
    package var state: String
    package var reason: String?

    package init(name: String, state: String, reason: String?) {
        self.name = name
        self.state = state
        self.reason = reason
    }
}
