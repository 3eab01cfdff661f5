import Synchronization

/// One submitted exchange, shared by the calling task (which may cancel it) and the loop
/// thread (which runs it). The continuation lives inside the lifecycle state machine, behind
/// a `Mutex`, and is resumed only through the actions that state machine returns.
final class CurlTransferTicket: Sendable {
    typealias Continuation = CheckedContinuation<TransportResponse, any Error>

    let id: UInt64
    let request: TransportRequest
    private let lifecycle = Mutex(CurlTransferLifecycle<Continuation>())

    init(id: UInt64, request: TransportRequest) {
        self.id = id
        self.request = request
    }

    /// Stores the continuation; returns true when the ticket must be handed to the loop.
    func attach(_ continuation: Continuation) -> Bool {
        let action = self.lifecycle.withLock { $0.attach(continuation) }
        switch action {
        case .submit:
            return true
        case .resumeCancelled(let waiter):
            waiter.resume(throwing: Self.cancelledError(requestMayHaveBeenSent: false))
            return false
        }
    }

    /// Called on the loop thread; returns true when the easy handle must be added.
    func start() -> Bool {
        let action = self.lifecycle.withLock { $0.start() }
        switch action {
        case .addHandle: return true
        case .drop: return false
        }
    }

    /// Records a cancel from the calling task; returns true when the loop has to remove the
    /// running easy handle.
    func cancel() -> Bool {
        let action = self.lifecycle.withLock { $0.cancel() }
        switch action {
        case .none:
            return false
        case .resumeCancelled(let waiter):
            waiter.resume(throwing: Self.cancelledError(requestMayHaveBeenSent: false))
            return false
        case .requestRemoval:
            return true
        }
    }

    /// Resumes the caller with `result`, or with a cancellation when a cancel was requested
    /// first. `requestStarted` decides `requestMayHaveBeenSent` of that cancellation.
    func finish(with result: Result<TransportResponse, TransportError>, requestStarted: Bool) {
        let action = self.lifecycle.withLock { $0.finish() }
        switch action {
        case .none:
            break
        case .resumeWithResult(let waiter):
            waiter.resume(with: result.mapError { $0 as any Error })
        case .resumeCancelled(let waiter):
            waiter.resume(throwing: Self.cancelledError(requestMayHaveBeenSent: requestStarted))
        }
    }

    static func cancelledError(requestMayHaveBeenSent: Bool) -> TransportError {
        TransportError(
            kind: .cancelled,
            requestMayHaveBeenSent: requestMayHaveBeenSent,
            message: "the OT API call was cancelled because the calling task was cancelled"
        )
    }
}
