/// When a failed webhook push is tried again: 5 s doubled after each failed attempt, capped
/// at one hour and jittered, until 24 hours after the event, after which it is given up.
public struct WebhookRetryPolicy: Sendable, Equatable {
    public static let standard = WebhookRetryPolicy(
        baseDelayMilliseconds: 5_000,
        maxDelayMilliseconds: 3_600_000,
        retryWindowMilliseconds: 24 * 3_600_000
    )

    public var baseDelayMilliseconds: Int64
    public var maxDelayMilliseconds: Int64
    /// Failed pushes are retried at least this long after the event occurred.
    public var retryWindowMilliseconds: Int64

    /// The time of the next attempt after `attempts` failed ones (1 for the first failure),
    /// or nil when the retry window has passed and the event is given up.
    ///
    /// - Parameter jitter: a factor in 0.5...1 applied to the delay, so that many receivers
    ///   failing together do not retry in step.
    public func nextAttempt(afterFailures attempts: Int, occurredAt: Int64, now: Int64, jitter: Double) -> Int64? {
        guard now - occurredAt < self.retryWindowMilliseconds else { return nil }
        let exponent = min(max(attempts - 1, 0), 30)
        let raw = self.baseDelayMilliseconds.multipliedReportingOverflow(by: Int64(1) << exponent)
        let delay = raw.overflow ? self.maxDelayMilliseconds : min(raw.partialValue, self.maxDelayMilliseconds)
        let jittered = Int64((Double(delay) * min(max(jitter, 0.5), 1)).rounded(.down))
        return now + max(jittered, 1)
    }
}
