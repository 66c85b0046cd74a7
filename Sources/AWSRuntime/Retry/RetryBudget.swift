/// The SDKs' retry quota: a shared bucket of tokens that retries spend and successes refill,
/// so that when a service is down the client stops piling retries onto it.
package actor RetryBudget {
    package let capacity: Int
    package private(set) var available: Int
    /// What a success that needed no retry puts back.
    static let successRefill = 1

    package init(capacity: Int = 500) {
        self.capacity = capacity
        available = capacity
    }

    /// Takes `cost` tokens; `false` when too few are left to retry.
    package func withdraw(_ cost: Int) -> Bool {
        guard available >= cost else { return false }
        available -= cost
        return true
    }

    /// After a success: refund what its retries took, or refill a little.
    package func succeeded(afterSpending spent: Int) {
        available = min(capacity, available + (spent > 0 ? spent : Self.successRefill))
    }
}
