import Foundation
import Synchronization

/// A token bucket: `capacity` tokens at most, refilled continuously at `refillPerSecond`.
public struct TokenBucket: Sendable, Equatable {
    public let capacity: Double
    public let refillPerSecond: Double
    public private(set) var tokens: Double
    public private(set) var updatedAt: Date

    /// Starts full.
    public init(capacity: Double, refillPerSecond: Double, now: Date) {
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.tokens = capacity
        self.updatedAt = now
    }

    /// Takes `count` tokens when that many are there; returns whether it did.
    public mutating func take(_ count: Int, now: Date) -> Bool {
        let elapsed = max(0, now.timeIntervalSince(self.updatedAt))
        self.tokens = min(self.capacity, self.tokens + elapsed * self.refillPerSecond)
        self.updatedAt = max(self.updatedAt, now)
        guard self.tokens >= Double(count) else { return false }
        self.tokens -= Double(count)
        return true
    }
}

/// The budget of OT calls shared by every background worker (`OTGW_OT_CALLS_PER_MINUTE`), so
/// that watching and polling never crowd out the shop's own requests.
public final class CallBudget: Sendable {
    /// The burst allowed after a quiet period, as a share of a minute's budget.
    public static let burstShareOfMinute = 0.25

    private let bucket: Mutex<TokenBucket>

    public init(callsPerMinute: Int, now: Date) {
        let perMinute = Double(max(1, callsPerMinute))
        self.bucket = Mutex(
            TokenBucket(
                capacity: max(2, (perMinute * Self.burstShareOfMinute).rounded(.down)),
                refillPerSecond: perMinute / 60,
                now: now
            )
        )
    }

    /// Takes `count` calls from the budget; returns false, taking nothing, when they are not there.
    public func take(_ count: Int = 1, now: Date) -> Bool {
        self.bucket.withLock { $0.take(count, now: now) }
    }
}
