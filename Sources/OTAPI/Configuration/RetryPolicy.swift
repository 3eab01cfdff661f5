/// Back-off for read calls that failed in transport. Writes are never retried.
public struct RetryPolicy: Sendable, Equatable {
    public static let defaultMaxAttempts = 3
    public static let defaultBaseDelay: Duration = .milliseconds(100)
    public static let defaultMaxDelay: Duration = .seconds(2)

    /// Attempts in total, including the first; 1 disables retries.
    public var maxAttempts: Int
    /// Delay before the first retry; doubles for each further retry.
    public var baseDelay: Duration
    /// Cap on any single delay.
    public var maxDelay: Duration

    public init(
        maxAttempts: Int = RetryPolicy.defaultMaxAttempts,
        baseDelay: Duration = RetryPolicy.defaultBaseDelay,
        maxDelay: Duration = RetryPolicy.defaultMaxDelay
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Returns the delay before retry number `retry` (1 for the first retry): `baseDelay × 2^(retry−1)`,
    /// capped at `maxDelay`, then scaled by `jitter` (expected in 0.5...1) so that callers that
    /// failed together do not retry together.
    public func delay(beforeRetry retry: Int, jitter: Double) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let uncapped = self.baseDelay * (1 << exponent)
        let capped = min(uncapped, self.maxDelay)
        return capped * min(max(jitter, 0), 1)
    }
}
