/// The life of one transfer as seen by its caller and by the loop thread, kept so that the
/// caller's continuation (the `Waiter`) is resumed exactly once whatever order the events
/// arrive in.
///
/// The phases are `created → queued → running → finished`, with `cancelled` reachable from
/// every phase before `finished`. A cancel can arrive before the continuation exists (the task
/// was already cancelled), while the transfer waits in the command queue, or while libcurl runs
/// it; each event returns the single action the caller of the event must perform. Every action
/// that carries the waiter moves it out of the state, so no later event can resume it again.
struct CurlTransferLifecycle<Waiter> {
    enum Phase: Equatable {
        case created
        case queued
        case running
        /// Cancel was requested while libcurl ran the transfer; the loop still has to remove
        /// the easy handle and then resumes the waiter.
        case cancelling
        case finished
        case cancelled
    }

    enum AttachAction {
        /// Hand the transfer to the loop.
        case submit
        /// The task was cancelled before the transfer was submitted; resume the waiter now.
        case resumeCancelled(Waiter)
    }

    enum StartAction {
        /// Create the easy handle and add it to the multi handle.
        case addHandle
        /// The transfer was cancelled while queued and its waiter was already resumed.
        case drop
    }

    enum CancelAction {
        case none
        /// Nothing reached libcurl yet; resume the waiter with a cancellation now.
        case resumeCancelled(Waiter)
        /// Ask the loop to remove the easy handle; the loop then calls `finish`.
        case requestRemoval
    }

    enum FinishAction {
        case none
        /// Resume the waiter with the transfer's own result.
        case resumeWithResult(Waiter)
        /// Resume the waiter with a cancellation, because the caller asked for one first.
        case resumeCancelled(Waiter)
    }

    private(set) var phase: Phase = .created
    private var waiter: Waiter?

    init() {}

    /// Stores the caller's continuation once it exists.
    mutating func attach(_ waiter: Waiter) -> AttachAction {
        switch self.phase {
        case .created:
            self.phase = .queued
            self.waiter = waiter
            return .submit
        case .cancelled:
            return .resumeCancelled(waiter)
        case .queued, .running, .cancelling, .finished:
            preconditionFailure("a transfer's continuation was attached twice (phase \(self.phase))")
        }
    }

    /// Records that the loop thread took the transfer from the command queue.
    mutating func start() -> StartAction {
        switch self.phase {
        case .queued:
            self.phase = .running
            return .addHandle
        case .cancelled:
            return .drop
        case .created, .running, .cancelling, .finished:
            preconditionFailure("a transfer was started in phase \(self.phase)")
        }
    }

    /// Records that the caller's task was cancelled.
    mutating func cancel() -> CancelAction {
        switch self.phase {
        case .created:
            self.phase = .cancelled
            return .none
        case .queued:
            self.phase = .cancelled
            return .resumeCancelled(self.takeWaiter())
        case .running:
            self.phase = .cancelling
            return .requestRemoval
        case .cancelling, .finished, .cancelled:
            return .none
        }
    }

    /// Records that libcurl finished the transfer, or that the loop removed it after a cancel
    /// or at shutdown.
    mutating func finish() -> FinishAction {
        switch self.phase {
        case .running:
            self.phase = .finished
            return .resumeWithResult(self.takeWaiter())
        case .cancelling:
            self.phase = .cancelled
            return .resumeCancelled(self.takeWaiter())
        case .queued:
            // Shutdown fails transfers that never reached libcurl.
            self.phase = .finished
            return .resumeWithResult(self.takeWaiter())
        case .created, .finished, .cancelled:
            return .none
        }
    }

    private mutating func takeWaiter() -> Waiter {
        guard let waiter = self.waiter else {
            preconditionFailure("a transfer in phase \(self.phase) has no continuation")
        }
        self.waiter = nil
        return waiter
    }
}
