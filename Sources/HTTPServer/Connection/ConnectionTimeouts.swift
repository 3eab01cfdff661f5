/// The deadlines of one connection as a pure state machine over an injected time source.
///
/// The connection reports what happened (bytes arrived, head parsed, response queued, ...)
/// with the current instant; the machine keeps at most one deadline. The shell arms a timer
/// for ``deadline`` and calls ``deadlineReached(now:)`` when it fires. Header and body
/// deadlines are absolute, counted from the first byte of the request and from the end of the
/// head, so a client that trickles bytes (slowloris) cannot extend them.
struct ConnectionTimeouts<Instant: InstantProtocol>: Equatable where Instant.Duration == Duration {
    struct Limits: Equatable, Sendable {
        var headerRead: Duration
        var bodyRead: Duration
        var keepAliveIdle: Duration
        var writeStall: Duration
        var linger: Duration
    }

    enum Phase: Equatable {
        /// No request bytes yet: a new connection, or idle between keep-alive requests.
        case awaitingRequest(deadline: Instant)
        case readingHead(deadline: Instant)
        case readingBody(deadline: Instant)
        /// The handler runs; the server sets no deadline on its own work.
        case handling
        case writing(deadline: Instant)
        /// The closing response is sent; unread client bytes are drained until the deadline.
        case lingering(deadline: Instant)
        case closed
    }

    enum Action: Equatable {
        case none
        /// Close without a response: nothing of a request has arrived, or a response has started.
        case close
        /// Send 408 with `Connection: close`: a request is partly read and no response started.
        case respondRequestTimeout
    }

    let limits: Limits
    private(set) var phase: Phase

    /// A new connection must send its first request within the header-read timeout.
    init(limits: Limits, now: Instant) {
        self.limits = limits
        self.phase = .awaitingRequest(deadline: now.advanced(by: limits.headerRead))
    }

    var deadline: Instant? {
        switch self.phase {
        case .awaitingRequest(let deadline), .readingHead(let deadline), .readingBody(let deadline),
            .writing(let deadline), .lingering(let deadline):
            deadline
        case .handling, .closed:
            nil
        }
    }

    mutating func requestBytesArrived(now: Instant) {
        if case .awaitingRequest = self.phase {
            self.phase = .readingHead(deadline: now.advanced(by: self.limits.headerRead))
        }
    }

    mutating func headReceived(now: Instant) {
        self.phase = .readingBody(deadline: now.advanced(by: self.limits.bodyRead))
    }

    mutating func requestReceived() {
        self.phase = .handling
    }

    mutating func responseQueued(now: Instant) {
        self.phase = .writing(deadline: now.advanced(by: self.limits.writeStall))
    }

    /// Some response bytes were accepted by the socket: the stall deadline starts again.
    mutating func writeProgressed(now: Instant) {
        if case .writing = self.phase {
            self.phase = .writing(deadline: now.advanced(by: self.limits.writeStall))
        }
    }

    /// The response is fully written. A kept-alive connection waits for the next request; a
    /// closing one lingers to drain what the client still sends.
    mutating func responseSent(now: Instant, keepAlive: Bool) {
        if keepAlive {
            self.phase = .awaitingRequest(deadline: now.advanced(by: self.limits.keepAliveIdle))
        } else {
            self.phase = .lingering(deadline: now.advanced(by: self.limits.linger))
        }
    }

    mutating func closed() {
        self.phase = .closed
    }

    /// Decides what a timer firing at `now` means. A timer that fires early (the deadline
    /// moved since it was armed) returns `.none`.
    mutating func deadlineReached(now: Instant) -> Action {
        guard let deadline = self.deadline, now >= deadline else { return .none }
        switch self.phase {
        case .readingHead, .readingBody:
            self.phase = .handling
            return .respondRequestTimeout
        case .awaitingRequest, .writing, .lingering:
            self.phase = .closed
            return .close
        case .handling, .closed:
            return .none
        }
    }
}
