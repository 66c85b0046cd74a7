/// One `depends_on` entry; Berth orders deployments by these and maps the condition to an ECS
/// container dependency where it can.
public struct ServiceDependency: Sendable, Codable, Equatable {
    public enum Condition: String, Sendable, Codable, Equatable {
        case serviceStarted = "service_started"
        case serviceHealthy = "service_healthy"
        case serviceCompletedSuccessfully = "service_completed_successfully"
    }

    public var service: String
    public var condition: Condition
    public var required: Bool
    public var restart: Bool
    public var location: SourceLocation?

    public init(
        service: String, condition: Condition = .serviceStarted, required: Bool = true, restart: Bool = false, location: SourceLocation? = nil
    ) {
        self.service = service
        self.condition = condition
        self.required = required
        self.restart = restart
        self.location = location
    }
}

public struct HealthCheck: Sendable, Codable, Equatable {
    /// `["CMD", …]` or `["CMD-SHELL", "…"]`; a plain string is stored as `CMD-SHELL`.
    public var test: [String]
    public var intervalSeconds: Double?
    public var timeoutSeconds: Double?
    public var retries: Int?
    public var startPeriodSeconds: Double?
    public var startIntervalSeconds: Double?
    /// `disable: true` or `test: ["NONE"]`.
    public var disabled: Bool

    public init(
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
