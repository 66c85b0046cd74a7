/// One `depends_on` entry; Berth orders deployments by these and maps the condition to an ECS
/// container dependency where it can.
package struct ServiceDependency: Sendable, Codable, Equatable {
    package enum Condition: String, Sendable, Codable, Equatable {
        case serviceStarted = "service_started"
        case serviceHealthy = "service_healthy"
        case serviceCompletedSuccessfully = "service_completed_successfully"
    }

    package var service: String
    package var condition: Condition
    package var required: Bool
    package var restart: Bool
    package var location: SourceLocation?

    package init(
        service: String, condition: Condition = .serviceStarted, required: Bool = true, restart: Bool = false, location: SourceLocation? = nil
    ) {
        self.service = service
        self.condition = condition
        self.required = required
        self.restart = restart
        self.location = location
    }
}

package struct HealthCheck: Sendable, Codable, Equatable {
    /// The ranges an ECS container health check accepts (seconds; retries a count). Values
    /// outside are brought into range when the task definition is made, and validate says so.
    package static let intervalRange = 5...300
    package static let timeoutRange = 2...60
    package static let retriesRange = 1...10
    package static let startPeriodRange = 0...300

    /// `["CMD", …]` or `["CMD-SHELL", "…"]`; a plain string is stored as `CMD-SHELL`.
    package var test: [String]
    package var intervalSeconds: Double?
    package var timeoutSeconds: Double?
    package var retries: Int?
    package var startPeriodSeconds: Double?
    package var startIntervalSeconds: Double?
    /// `disable: true` or `test: ["NONE"]`.
    package var disabled: Bool

    package init(
        test: [String], intervalSeconds: Double? = nil, timeoutSeconds: Double? = nil, retries: Int? = nil, startPeriodSeconds: Double? = nil,
        startIntervalSeconds: Double? = nil, disabled: Bool = false
    ) {
        self.test = test
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.startPeriodSeconds = startPeriodSeconds
        self.startIntervalSeconds = startIntervalSeconds
        self.disabled = disabled
    }
}
