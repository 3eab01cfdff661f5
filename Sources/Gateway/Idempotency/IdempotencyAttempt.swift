import Foundation

/// One run of an idempotent request, as the handler sees it.
public struct IdempotencyAttempt: Sendable, Equatable {
    /// Unique per attempt and kept in the pending record; a resumed attempt has the id of the
    /// attempt it continues. Handlers write it into what they send OT (an order comment, a
    /// deposit comment) to find the effect of a call whose reply was lost.
    public var id: String
    /// Whether an earlier request with the same key may already have made OT calls, so the
    /// handler must look for their effect before sending a write again.
    public var isResumed: Bool
    /// The request's `Idempotency-Key`, or nil for a request without one.
    public var key: String?
    /// When the first request of this attempt started.
    public var startedAt: Date

    public init(id: String, isResumed: Bool, key: String?, startedAt: Date) {
        self.id = id
        self.isResumed = isResumed
        self.key = key
        self.startedAt = startedAt
    }

    /// Number of random bytes in a new attempt id (hex-encoded, so twice as many characters).
    public static let idByteCount = 12

    /// Makes a random attempt id of `2 × idByteCount` lowercase hex digits.
    public static func makeID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<self.idByteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return SHA256Digest.hex(bytes)
    }
}
