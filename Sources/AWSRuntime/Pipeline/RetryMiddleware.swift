/// The retry loop: asks `RetryPolicy` after each failure, spends from the `RetryBudget`, sleeps.
struct RetryMiddleware: AWSMiddleware {
    let policy: RetryPolicy
    let budget: RetryBudget
    let random: RandomSource
    let sleeper: any Sleeper

    func handle(_ request: AWSRequest, context: AWSMiddlewareContext, next: AWSMiddlewareNext) async throws -> AWSResponse {
        var context = context
        var spent = 0
        while true {
            do {
                let response = try await next(request, context)
                await budget.succeeded(afterSpending: spent)
                return response
            } catch {
                try Task.checkCancellation()
                let decision = policy.decide(error: error, attempt: context.attempt, idempotent: request.isIdempotent, random: random.unit())
                guard case .retry(let delay, let cost) = decision else {
                    if !request.isIdempotent, case .transient(mayHaveRun: true, _) = RetryPolicy.classify(error), context.attempt < policy.maxAttempts
                    {
                        throw NotRepeatedError(last: error)
                    }
                    if context.attempt > 1, RetryPolicy.classify(error) != .permanent {
                        throw RetriesExhaustedError(attempts: context.attempt, budgetExhausted: false, last: error)
                    }
                    throw error
                }
                guard await budget.withdraw(cost) else {
                    throw RetriesExhaustedError(attempts: context.attempt, budgetExhausted: true, last: error)
                }
                spent += cost
                try await sleeper.sleep(seconds: delay)
                context.attempt += 1
            }
        }
    }
}
