import Foundation
import Store
import Synchronization

/// What a request with an `Idempotency-Key` may do.
enum PaymentIdempotencyDecision: Sendable, Equatable {
    /// Run the request. `claimedAt` is when the key was first claimed (the same on every retry
    /// of the key), so that the payment id derived from it is stable across retries.
    case proceed(claimedAt: Int64)
    /// A finished request had the key: send its response again.
    case replay(IdempotencyResponse)
    /// A request with the key is running now in this process.
    case inProgress
    /// The key was used with another request body or order.
    case mismatch
}

/// The small idempotency interface `/pay` needs, kept apart so that the gateway's shared
/// idempotency component can replace it.
protocol PaymentIdempotency: Sendable {
    func begin(key: String, scope: IdempotencyScope, requestHash: String) async throws -> PaymentIdempotencyDecision
    /// Stores the response for replay and ends the claim.
    func finish(key: String, scope: IdempotencyScope, response: IdempotencyResponse) async throws
    /// Ends this request's claim but keeps the key pending, so that a retry runs again and
    /// derives the same payment id (a 5xx answer, where the payment may be half done).
    func suspend(key: String, scope: IdempotencyScope) async
}

/// `PaymentIdempotency` on the store's idempotency records.
///
/// A pending record whose request is not running in this process was left by a crash or a
/// lost connection; a retry takes it over, which is safe because the payment journal, not
/// the key, decides what has been paid.
final class StorePaymentIdempotency: PaymentIdempotency {
    private let store: Store
    private let timeToLive: Duration
    private let now: @Sendable () -> Date
    private let running = RunningKeys()

    init(store: Store, timeToLive: Duration, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.timeToLive = timeToLive
        self.now = now
    }

    func begin(key: String, scope: IdempotencyScope, requestHash: String) async throws -> PaymentIdempotencyDecision {
        let runningKey = Self.runningKey(key, scope)
        guard self.running.insert(runningKey) else {
            return .inProgress
        }
        do {
            let createdAt = UnixTime.milliseconds(from: self.now())
            let ttl = self.timeToLive.components.seconds * 1000
            let claim = try await self.store.insertPendingIdempotencyRecord(
                key: key,
                scope: scope,
                requestHash: requestHash,
                createdAt: createdAt,
                expiresAt: createdAt + ttl
            )
            switch claim {
            case .inserted(let record):
                return .proceed(claimedAt: record.createdAt)
            case .existing(let record):
                if record.requestHash != requestHash {
                    self.running.remove(runningKey)
                    return .mismatch
                }
                if record.state == .final, let response = record.response {
                    self.running.remove(runningKey)
                    return .replay(response)
                }
                return .proceed(claimedAt: record.createdAt)
            }
        } catch {
            self.running.remove(runningKey)
            throw error
        }
    }

    func finish(key: String, scope: IdempotencyScope, response: IdempotencyResponse) async throws {
        defer { self.running.remove(Self.runningKey(key, scope)) }
        try await self.store.finalizeIdempotencyRecord(key: key, scope: scope, response: response)
    }

    func suspend(key: String, scope: IdempotencyScope) async {
        self.running.remove(Self.runningKey(key, scope))
    }

    private static func runningKey(_ key: String, _ scope: IdempotencyScope) -> String {
        [scope.tokenHash, scope.method, scope.route, key].joined(separator: "\n")
    }
}

/// Keys of the requests running in this process.
final class RunningKeys: Sendable {
    private let keys = Mutex<Set<String>>([])

    /// Adds `key`; false when it was already there.
    func insert(_ key: String) -> Bool {
        self.keys.withLock { $0.insert(key).inserted }
    }

    func remove(_ key: String) {
        _ = self.keys.withLock { $0.remove(key) }
    }

    func contains(_ key: String) -> Bool {
        self.keys.withLock { $0.contains(key) }
    }
}
