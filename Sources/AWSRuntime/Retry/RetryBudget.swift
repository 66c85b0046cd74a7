/// The SDKs' retry quota: a shared bucket of tokens that retries spend and successes refill,
/// so that when a service is down the client stops piling retries onto it.
public actor RetryBudget {
    public let capacity: Int
    public private(set) var available: Int
    /// What a success that needed no retry puts back.
    static let successRefill = 1

    public init(capacity: Int = 500) {
        self.capacity = capacity
        available = capacity
    }

    /// Takes `cost` tokens; `false` when too few are left to retry.
    public func withdraw(_ cost: Int) -> Bool {
        guard available >= cost else { return false }
        available -= cost
        return true
    }

    /// After a success: refund what its retries took, or refill a little.
    public func succeeded(afterSpending spent: Int) {
        available = min(capacity, available + (spent > 0 ? spent : Self.successRefill))
    }
}
