import Store

/// What a request with an `Idempotency-Key` does, given the live record that already holds the
/// key. Pure logic; `IdempotencyGate` does the I/O.
public enum IdempotencyDecision: Sendable, Equatable {
    /// Send the stored response again.
    case replay(IdempotencyResponse)
    /// Continue the attempt of the pending record: an earlier request ended with a 5xx or
    /// the process stopped while it ran, so its OT call may or may not have taken effect.
    case resume(attemptID: String?)
    /// The first request with the key is still running: 409 `idempotency_key_in_use`.
    case inUse
    /// The key was used with another body: 422 `idempotency_key_reused`.
    case reused

    /// Decides for a live (unexpired) `record`; `isRunning` says whether a request of this
    /// process is working on the key right now.
    public static func decide(record: IdempotencyRecord, requestHash: String, isRunning: Bool) -> IdempotencyDecision {
        guard record.requestHash == requestHash else { return .reused }
        switch record.state {
        case .final:
            guard let response = record.response else { return .resume(attemptID: record.attemptID) }
            return .replay(response)
        case .pending:
            return isRunning ? .inUse : .resume(attemptID: record.attemptID)
        }
    }

    /// Returns whether a response is stored and replayed for its key: every 2xx and 4xx except
    /// the in-progress 409. A 5xx (or anything else) leaves the record pending, so the next
    /// request with the key reconciles and continues.
    public static func isFinal(status: Int, code: String?) -> Bool {
        if (200..<300).contains(status) {
            return true
        }
        if status == 409 && code == IdempotencyGate.inUseCode {
            return false
        }
        return (400..<500).contains(status)
    }
}
